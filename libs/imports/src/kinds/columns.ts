import {
  CodeOf,
  Vocabulary,
  VOCABULARIES,
  district,
  label,
} from '@lc/reference-data';
import locale from '../locales/columns.json';
import { Cell, Table } from '../table/read-table';
import {
  CellError,
  isBlank,
  readDate,
  readInteger,
  readList,
  readShanghaiInstant,
  readText,
  readYuanAsFen,
} from '../table/cells';

export const IMPORT_KINDS = ['disputes', 'mediations', 'complaints'] as const;
export type ImportKindName = (typeof IMPORT_KINDS)[number];

export type ColumnType =
  | { type: 'text' | 'integer' | 'yuan' | 'date' | 'instant' | 'list' }
  | { type: 'code'; vocabulary: Vocabulary }
  | { type: 'subDistrict' }
  | { type: 'choice'; choices: keyof typeof locale.choices };

/** One column of an import: its English header is its key; the Chinese header comes from the locale file. */
export type ColumnSpec = ColumnType & { key: string; required: boolean };

/** One bad cell or row, as the import reports it. `column` is the header as the file wrote it. */
export interface RowError {
  row: number;
  /** The header as written in the file (or the template's Chinese header for a column the file lacks); null for the row as a whole. */
  column: string | null;
  /** The column's English key; null for the row as a whole. */
  field: string | null;
  message: string;
}

type ColumnLocale = { zh: string; descZh: string; descEn: string; example: string };

export function columnLocale(kind: ImportKindName, key: string): ColumnLocale {
  const found = (locale.columns[kind] as Record<string, ColumnLocale>)[key];
  if (!found) throw new Error(`locales/columns.json has no ${kind}.${key}`);
  return found;
}

/** Headers are matched loosely: case, spaces and full-width brackets do not matter. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/**
 * Which header names a column: the Chinese header, the English key, or both as the templates
 * write them ("街道 / subDistrict").
 */
function headerCandidates(kind: ImportKindName, spec: ColumnSpec): string[] {
  const zh = columnLocale(kind, spec.key).zh;
  return [zh, spec.key, `${zh}/${spec.key}`].map(normalizeHeader);
}

export function templateHeader(kind: ImportKindName, spec: ColumnSpec): string {
  return `${columnLocale(kind, spec.key).zh} / ${spec.key}`;
}

export interface ColumnMap {
  /** Column key → index in the row's cells. */
  index: Map<string, number>;
  /** Column key → the header as the file wrote it (or the Chinese header when the file has no such column). */
  header(key: string): string;
  errors: RowError[];
}

/** Matches the file's headers to the kind's columns; unknown, repeated and missing required columns are errors of the header row. */
export function mapColumns(kind: ImportKindName, columns: readonly ColumnSpec[], table: Table): ColumnMap {
  const index = new Map<string, number>();
  const written = new Map<string, string>();
  const errors: RowError[] = [];
  const lookup = new Map<string, ColumnSpec>();
  for (const spec of columns) for (const candidate of headerCandidates(kind, spec)) lookup.set(candidate, spec);

  table.headers.forEach((header, i) => {
    if (header === '') return; // a trailing empty column from the spreadsheet
    const spec = lookup.get(normalizeHeader(header));
    if (!spec) {
      errors.push({ row: table.headerRow, column: header, field: null, message: `is not a column of a ${kind} import; see the template` });
    } else if (index.has(spec.key)) {
      errors.push({ row: table.headerRow, column: header, field: spec.key, message: `repeats the column ${written.get(spec.key)}` });
    } else {
      index.set(spec.key, i);
      written.set(spec.key, header);
    }
  });
  for (const spec of columns) {
    if (spec.required && !index.has(spec.key)) {
      errors.push({ row: table.headerRow, column: columnLocale(kind, spec.key).zh, field: spec.key, message: 'this required column is missing' });
    }
  }
  return { index, errors, header: (key) => written.get(key) ?? columnLocale(kind, key).zh };
}

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** A code of a vocabulary by its code, Chinese label or English label. */
function readCode<V extends Vocabulary>(vocabulary: V, text: string): CodeOf<V> {
  const wanted = fold(text);
  for (const code of VOCABULARIES[vocabulary] as readonly CodeOf<V>[]) {
    if ([code, label(vocabulary, code, 'zh'), label(vocabulary, code, 'en')].some((c) => fold(c) === wanted)) return code;
  }
  const allowed = (VOCABULARIES[vocabulary] as readonly CodeOf<V>[]).map((c) => `${label(vocabulary, c, 'zh')} (${c})`);
  throw new CellError(`must be one of ${allowed.join(', ')}`);
}

function readSubDistrict(text: string): string {
  const wanted = fold(text);
  const found = district().subDistricts.find((s) =>
    [s.code, s.name.zh, s.name.en, s.shortName.zh, s.shortName.en].some((c) => fold(c) === wanted),
  );
  if (found) return found.code;
  throw new CellError(`must be one of ${district().subDistricts.map((s) => `${s.shortName.zh} (${s.code})`).join(', ')}`);
}

function readChoice(choices: keyof typeof locale.choices, text: string): string {
  const wanted = fold(text);
  const options = locale.choices[choices] as Record<string, string[]>;
  for (const [code, labels] of Object.entries(options)) {
    if ([code, ...labels].some((c) => fold(c) === wanted)) return code;
  }
  throw new CellError(`must be one of ${Object.entries(options).map(([code, labels]) => `${labels[0]} (${code})`).join(', ')}`);
}

export type CellValue = string | number | string[] | undefined;

export function readCell(spec: ColumnSpec, cell: Cell | undefined): CellValue {
  if (isBlank(cell)) {
    if (spec.required) throw new CellError('is required');
    return undefined;
  }
  switch (spec.type) {
    case 'text':
      // Excel turns an 18-digit ID number typed into a General cell into 1.10105E+17, and the digits are gone.
      if (typeof cell === 'number' && !Number.isSafeInteger(cell)) {
        throw new CellError('was stored by the spreadsheet as a number and lost digits: format the column as Text and type it again');
      }
      return readText(cell);
    case 'integer':
      return readInteger(cell);
    case 'yuan':
      return readYuanAsFen(cell);
    case 'date':
      return readDate(cell);
    case 'instant':
      return readShanghaiInstant(cell);
    case 'list':
      return readList(cell);
    case 'code':
      return readCode(spec.vocabulary, readText(cell) as string);
    case 'subDistrict':
      return readSubDistrict(readText(cell) as string);
    case 'choice':
      return readChoice(spec.choices, readText(cell) as string);
  }
}

export const defaults = locale.defaults;
export const kindLabels = locale.kinds;
export const templateNotes = locale.templateNotes;
