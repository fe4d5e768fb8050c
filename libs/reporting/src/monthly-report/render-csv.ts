import { fenToWan, fenToYuan } from '../shared/money';
import { Cell, ReportDocument } from './report-tables';

/** The byte order mark that tells Excel (on Windows, in a Chinese locale) the file is UTF-8, not GBK. */
export const UTF8_BOM = '\uFEFF';

function cellText(cell: Cell): string {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  // Amounts exact from fen, no thousands separators: Excel reads "1234.56" as a number.
  if ('fen' in cell) return fenToYuan(cell.fen);
  if ('wanFen' in cell) return fenToWan(cell.wanFen);
  return `${(Math.round(cell.rate * 10000) / 100).toFixed(2)}%`;
}

/** RFC 4180: quote a field with a comma, quote or line break; double the quotes inside. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * One CSV file of the whole report: a heading, then each table under its title, with its header
 * row and its 合计 row, separated by empty lines. Every line has the same number of fields (as RFC
 * 4180 asks), padded with empty ones; lines end in CRLF; the file starts with a BOM.
 */
export function renderCsv(doc: ReportDocument): string {
  const lines: string[][] = [
    [doc.heading],
    [doc.periodLabel, doc.period.from, doc.period.to],
    [doc.generatedAtLabel, doc.generatedAt],
  ];
  for (const table of doc.tables) {
    lines.push([], [table.title], table.headers);
    for (const row of table.rows) lines.push(row.map(cellText));
    if (table.total) lines.push(table.total.map(cellText));
  }
  const width = Math.max(...lines.map((l) => l.length));
  return UTF8_BOM + lines.map((l) => [...l, ...Array<string>(width - l.length).fill('')].map(field).join(',')).join('\r\n') + '\r\n';
}
