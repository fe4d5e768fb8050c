import { answer, api } from '../../api/client';
import { saveBlob } from '../../api/download';
import type { Language } from '../../i18n';

export const LETTER_KINDS = ['reminder-letter', 'opinion', 'recommendation'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];
export type CitedRecord = { kind: 'dispute' | 'mediation'; id: string };

/** What POST …/letters answers (libs/documents IssuedLetter). */
export interface IssuedLetter {
  letterId: string;
  kind: LetterKind;
  letterNo: string;
  issuedOn: string;
}

/**
 * A letter's DOCX, made by the API from the letter's event and the record it cites, in the page's
 * language, saved under its number (龙岗工提〔2026〕3号.docx).
 */
export async function downloadLetter(record: CitedRecord, letter: { letterId: string; kind: string; letterNo: string }, language: Language): Promise<void> {
  const request = {
    params: {
      path: { id: record.id, kind: letter.kind as LetterKind },
      query: { letterId: letter.letterId },
      header: { 'accept-language': language === 'en' ? 'en' : 'zh-CN' },
    },
    parseAs: 'blob' as const,
  };
  // Two routes with the same parameters and answer: the typed client needs each path spelled out.
  const blob = await answer<Blob>(
    record.kind === 'dispute' ? api.GET('/api/v1/disputes/{id}/documents/{kind}', request) : api.GET('/api/v1/mediations/{id}/documents/{kind}', request),
  );
  saveBlob(blob, `${letter.letterNo}.docx`);
}

/** The dialog's choice of record (`dispute:<id>`, `mediation:<id>`). */
export function citedRecord(choice: string): CitedRecord {
  const [kind, id] = choice.split(':');
  return { kind: kind === 'mediation' ? 'mediation' : 'dispute', id };
}
