import { isIsoDate } from '@lc/decider';
import { Cell } from './read-table';

/*
 * What a clerk types into a spreadsheet, read as the API's values. Each reader answers a value, or
 * undefined for an empty cell, or throws CellError with a message for the row's error list.
 */

export class CellError extends Error {}

const pad = (n: number | string, width = 2) => String(n).padStart(width, '0');

export function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

export function readText(cell: Cell | undefined): string | undefined {
  if (isBlank(cell)) return undefined;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** Whole numbers; "1,200" and "1 200" as spreadsheets format them. */
export function readInteger(cell: Cell | undefined): number | undefined {
  if (isBlank(cell)) return undefined;
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell)) throw new CellError('must be a whole number');
    return cell;
  }
  const text = String(cell).trim().replace(/[,\s]/g, '');
  if (!/^-?\d+$/.test(text)) throw new CellError('must be a whole number');
  return Number(text);
}

/**
 * An amount in yuan (元), as spreadsheets hold money, to integer fen without floating-point
 * error: "1,234.5" → 123450. At most two decimals; a currency sign or 元 is tolerated.
 */
export function readYuanAsFen(cell: Cell | undefined): number | undefined {
  if (isBlank(cell)) return undefined;
  let text: string;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new CellError('must be an amount in yuan');
    // A typed cell holds a binary fraction (0.1 + 0.2); a sum of whole fen prints exactly at 2 decimals.
    const fen = Math.round(cell * 100);
    if (Math.abs(cell * 100 - fen) > 1e-6 * Math.max(1, Math.abs(cell))) throw new CellError('must be an amount in yuan with at most two decimals (fen)');
    return fen;
  } else text = String(cell).trim().replace(/^[¥￥]/, '').replace(/元$/, '').replace(/[,\s]/g, '');
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new CellError('must be an amount in yuan with at most two decimals, e.g. 12345.60');
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) throw new CellError('is too large');
  return match[1] ? -fen : fen;
}

const DATE_PATTERNS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];

function dateOf(year: string, month: string, day: string): string {
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (!isIsoDate(date)) throw new CellError(`${date} is not a real date`);
  return date;
}

/** A calendar date: 2022-03-05, 2022/3/5, 2022.3.5, 2022年3月5日, or a date cell. */
export function readDate(cell: Cell | undefined): string | undefined {
  if (isBlank(cell)) return undefined;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  const text = String(cell).trim();
  for (const pattern of DATE_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return dateOf(match[1], match[2], match[3]);
  }
  // A date and a time where only the date is wanted: the date is what counts.
  const withTime = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2})?$/.exec(text);
  if (withTime) return dateOf(withTime[1], withTime[2], withTime[3]);
  throw new CellError('must be a date written YYYY-MM-DD (2022-03-05)');
}

/**
 * An instant. Spreadsheets hold local wall-clock times without a zone, and this district's are
 * China Standard Time: "2022-03-05 14:30" is 14:30 in Shanghai. A bare date is the start of that
 * day in Shanghai; an ISO 8601 value with a zone is taken as it is.
 */
export function readShanghaiInstant(cell: Cell | undefined): string | undefined {
  if (isBlank(cell)) return undefined;
  if (cell instanceof Date) return `${cell.toISOString().slice(0, 19)}+08:00`;
  const text = String(cell).trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    if (Number.isNaN(Date.parse(text)) || !isIsoDate(text.slice(0, 10))) throw new CellError('is not a real date and time');
    return text;
  }
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) throw new CellError('must be a date and time written YYYY-MM-DD HH:mm (China Standard Time), or a date');
  const date = dateOf(match[1], match[2], match[3]);
  const [hh, mm, ss] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) throw new CellError('is not a real time of day');
  return `${date}T${pad(hh)}:${pad(mm)}:${pad(ss)}+08:00`;
}

/** Several names in one cell: 张三、李四, or separated by commas or semicolons. */
export function readList(cell: Cell | undefined): string[] | undefined {
  const text = readText(cell);
  if (text === undefined) return undefined;
  return text
    .split(/[、,，;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
