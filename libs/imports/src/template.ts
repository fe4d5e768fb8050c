import ExcelJS from 'exceljs';
import { columnLocale, ImportKindName, kindLabels, templateHeader, templateNotes } from './kinds/columns';
import { IMPORT_KIND } from './kinds/kinds';
import { toCsv } from './table/csv';

/*
 * The templates name each column in both languages ("受理日期 / openedOn"); an import accepts
 * that, the Chinese header alone, or the English one alone. The XLSX template also explains every
 * column, with an example, on a second sheet.
 */

export function templateCsv(kind: ImportKindName): Buffer {
  return Buffer.from(toCsv([IMPORT_KIND[kind].columns.map((spec) => templateHeader(kind, spec))]), 'utf8');
}

/** Columns that hold long digit strings: Excel would turn them into numbers and drop digits. */
const TEXT_COLUMNS = new Set(['employerCreditCode', 'claimantIdNumber', 'claimantPhone', 'workOrderNo', 'courtCaseNo']);

export async function templateXlsx(kind: ImportKindName): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const columns = IMPORT_KIND[kind].columns;
  const data = workbook.addWorksheet(templateNotes.sheetData);
  data.columns = columns.map((spec) => ({
    header: templateHeader(kind, spec),
    key: spec.key,
    width: Math.max(14, templateHeader(kind, spec).length + 6),
    style: TEXT_COLUMNS.has(spec.key) ? { numFmt: '@' } : {},
  }));
  const header = data.getRow(1);
  header.font = { bold: true };
  columns.forEach((spec, i) => {
    const text = columnLocale(kind, spec.key);
    header.getCell(i + 1).note = [text.descZh, text.descEn].filter(Boolean).join('\n');
  });
  data.views = [{ state: 'frozen', ySplit: 1 }];

  const notes = workbook.addWorksheet(templateNotes.sheetNotes);
  notes.addRow([`${kindLabels[kind].zh} / ${kindLabels[kind].en}`]).font = { bold: true };
  notes.addRow(templateNotes.notesHeader).font = { bold: true };
  for (const spec of columns) {
    const text = columnLocale(kind, spec.key);
    notes.addRow([text.zh, spec.key, spec.required ? templateNotes.required : templateNotes.optional, text.descZh, text.descEn, text.example]);
  }
  notes.columns.forEach((column, i) => (column.width = [22, 30, 14, 40, 60, 34][i]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
