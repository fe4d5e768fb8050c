import ExcelJS from 'exceljs';
import { CsvSyntaxError, parseCsv } from './csv';

/**
 * A cell as the row parsers see it. CSV gives text; XLSX gives numbers and dates as typed cells.
 * A date from XLSX is the wall-clock date and time the sheet shows, carried in the UTC fields of the
 * Date (Excel has no time zones): 2022-03-05 14:30 in the sheet is 2022-03-05T14:30:00Z here.
 */
export type Cell = string | number | boolean | Date | null;

export interface TableRow {
  /** The row number the spreadsheet shows; the header is usually row 1. */
  row: number;
  cells: Cell[];
}

export interface Table {
  format: 'csv' | 'xlsx';
  headerRow: number;
  headers: string[];
  rows: TableRow[];
}

/** The file itself cannot be read: not CSV or XLSX, not UTF-8, broken quoting, no header. */
export class UnreadableFileError extends Error {
  readonly code = 'validation_failed';
  readonly errors: Array<{ field: string; message: string; row?: number }>;
  constructor(message: string, row?: number) {
    super(message);
    this.name = 'UnreadableFileError';
    this.errors = [{ field: 'file', message, ...(row ? { row } : {}) }];
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export function isXlsx(content: Buffer): boolean {
  return content.subarray(0, 4).equals(ZIP_MAGIC);
}

export async function readTable(content: Buffer): Promise<Table> {
  if (content.length === 0) throw new UnreadableFileError('the file is empty');
  const table = isXlsx(content) ? await readXlsx(content) : readCsv(content);
  if (table.headers.every((h) => h === '')) throw new UnreadableFileError('the first row must name the columns');
  return table;
}

function readCsv(content: Buffer): Table {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    // Older Excel saves "CSV" in the local code page (GBK on Chinese Windows).
    throw new UnreadableFileError('the file is not UTF-8 text: save it as "CSV UTF-8" (or as XLSX) and upload it again');
  }
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new UnreadableFileError(error.message, error.row);
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw new UnreadableFileError('the file has no rows');
  return { format: 'csv', headerRow: header.row, headers: header.cells.map((h) => h.trim()), rows };
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellValue((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value && typeof (value as { text: unknown }).text === 'string') return (value as { text: string }).text;
    if ('error' in value) return null;
  }
  return String(value);
}

async function readXlsx(content: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's types predate Buffer<ArrayBufferLike>.
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableFileError('the file looks like XLSX but cannot be opened: save it again from Excel or WPS');
  }
  // The data is on the first sheet; a template's notes sheet comes after it.
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableFileError('the workbook has no worksheet');
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: Cell[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
    if (cells.some((c) => c !== null && !(typeof c === 'string' && c.trim() === ''))) rows.push({ row: rowNumber, cells });
  });
  const [header, ...data] = rows;
  if (!header) throw new UnreadableFileError('the first worksheet has no rows');
  return {
    format: 'xlsx',
    headerRow: header.row,
    headers: header.cells.map((h) => (h === null ? '' : h instanceof Date ? h.toISOString() : String(h).trim())),
    rows: data,
  };
}
