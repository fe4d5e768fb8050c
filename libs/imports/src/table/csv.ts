/**
 * A small RFC 4180 reader and writer. Spreadsheets saved "as CSV" by Excel or WPS are UTF-8 with a
 * byte-order mark (or without one), separate records with CRLF, and quote fields that hold commas,
 * quotes or line breaks; that is all this handles, and all it needs to.
 */

export interface CsvRecord {
  /** 1-based record number: the row a spreadsheet shows for it (a quoted line break stays in one row). */
  row: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(`CSV row ${row}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

const BOM = '\uFEFF';

/** Records in file order; a record that is one empty line is skipped (trailing newlines, blank lines). */
export function parseCsv(text: string): CsvRecord[] {
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field started with a quote
  let row = 1;

  const endCell = () => {
    cells.push(cell);
    cell = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endCell();
    if (!(cells.length === 1 && cells[0] === '')) records.push({ row, cells });
    cells = [];
    row++;
  };

  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"') {
      if (cell === '' && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        continue;
      }
      // A quote inside an unquoted field (5"2) is kept as written, as spreadsheets do.
      if (!wasQuoted) {
        cell += ch;
        continue;
      }
      throw new CsvSyntaxError(row, 'a quoted field must end at its closing quote (write a quote inside a quoted field as "")');
    }
    if (wasQuoted && ch !== ',' && ch !== '\n' && ch !== '\r') {
      throw new CsvSyntaxError(row, 'text after the closing quote of a quoted field');
    }
    if (ch === ',') endCell();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRecord();
    } else cell += ch;
  }
  if (quoted) throw new CsvSyntaxError(row, 'a quoted field is not closed before the end of the file');
  if (cell !== '' || cells.length > 0 || wasQuoted) endRecord();
  return records;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV text with a BOM and CRLF line ends: what Excel opens as UTF-8 without mangling Chinese. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return BOM + rows.map((r) => r.map((v) => quote(v === null || v === undefined ? '' : String(v))).join(',')).join('\r\n') + '\r\n';
}
