import type { evidenceZh } from './evidence-zh';

/** The evidence panel of a case, English. */
export const evidenceEn: Record<keyof typeof evidenceZh, string> = {
  'ev.title': 'Evidence',
  'ev.empty': 'No evidence yet.',
  'ev.description': 'Description',
  'ev.descriptionHint': 'e.g. March pay slips, attendance records, photo of the notice on the gate',
  'ev.file': 'File',
  'ev.choose': 'Choose a file',
  'ev.accepted': 'PDF, JPG, PNG, HEIC, Word (DOCX), Excel (XLSX), up to 20 MB',
  'ev.upload': 'Upload',
  'ev.uploaded': 'Uploaded',
  'ev.already': 'This file is on the case already; it was not stored twice',
  'ev.download': 'Download',
  'ev.remove': 'Remove',
  'ev.removeConfirm': 'Remove this file? The removal stays on the timeline.',
  'ev.removed': 'Removed',
  'ev.erased': 'Erased with a person’s personal data',
  'ev.by': 'uploaded by {who} on {time} · {size}',
  'ev.required': 'Enter a description and choose a file',
};
