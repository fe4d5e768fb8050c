/*
 * The type of an uploaded file, told from its content (its first bytes, and for the Office formats
 * the names inside the ZIP), never from its name or the Content-Type the client sent: an .exe
 * renamed .pdf is still an .exe. Pure: no I/O. Written here rather than taken from `file-type`
 * (ESM only since v17, which this CommonJS build and jest would need a loader for) for the six
 * types the federation accepts.
 */

export const EVIDENCE_TYPES = {
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
  png: { contentType: 'image/png', extension: 'png' },
  heic: { contentType: 'image/heic', extension: 'heic' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
} as const;

export type EvidenceKind = keyof typeof EVIDENCE_TYPES;
export const EVIDENCE_CONTENT_TYPES: readonly string[] = Object.values(EVIDENCE_TYPES).map((t) => t.contentType);

const startsWith = (bytes: Buffer, prefix: number[], offset = 0) =>
  bytes.length >= offset + prefix.length && prefix.every((b, i) => bytes[offset + i] === b);

/** ISO base media brands of HEIF images as phones write them (iPhone: heic; others mif1/msf1 with heic inside). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

function isHeif(bytes: Buffer): boolean {
  if (bytes.length < 16 || bytes.toString('latin1', 4, 8) !== 'ftyp') return false;
  const boxSize = bytes.readUInt32BE(0);
  if (boxSize < 16 || boxSize > bytes.length) return false;
  const brands = [bytes.toString('latin1', 8, 12)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(bytes.toString('latin1', at, at + 4));
  return brands.some((b) => HEIF_BRANDS.has(b));
}

/**
 * The names in a ZIP's central directory, read from the end-of-central-directory record; undefined
 * when the bytes are not a readable ZIP. Local headers are not trusted (they may lie or be absent).
 */
export function zipEntryNames(bytes: Buffer): string[] | undefined {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  // The EOCD record is 22 bytes, followed by a comment of at most 65,535 bytes.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (bytes.readUInt32LE(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const entries = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) return undefined;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    if (at + 46 + nameLength > bytes.length) return undefined;
    names.push(bytes.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Which accepted type the bytes are, or undefined for anything else (an executable, a GIF, a ZIP of photos...). */
export function sniffEvidenceType(bytes: Buffer): EvidenceKind | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (isHeif(bytes)) return 'heic';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // An OOXML package: [Content_Types].xml and the main part's folder (word/ or xl/).
    const names = zipEntryNames(bytes);
    if (!names || !names.includes('[Content_Types].xml')) return undefined;
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
  }
  return undefined;
}

/** What the bytes look like, in words, for the refusal's message. */
export function describeContent(bytes: Buffer): string {
  if (bytes.length === 0) return 'an empty file';
  if (startsWith(bytes, [0x4d, 0x5a])) return 'a Windows executable (MZ)';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'an ELF executable';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive that is not a DOCX or XLSX';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image';
  return 'none of the accepted types';
}
