import ExcelJS from 'exceljs';
import { fenToWan } from '../shared/money';
import { Cell, ReportDocument } from './report-tables';

const YUAN_FORMAT = '#,##0.00';
const RATE_FORMAT = '0.00%';

function write(cell: ExcelJS.Cell, value: Cell): void {
  if (typeof value === 'object' && 'fen' in value) {
    // A spreadsheet number is a double by nature; the yuan figure is the fen / 100 it displays, exactly to the fen.
    cell.value = value.fen / 100;
    cell.numFmt = YUAN_FORMAT;
  } else if (typeof value === 'object' && 'wanFen' in value) {
    // The figure the report prints (万元, rounded to two decimals), as a number Excel can add up.
    cell.value = Number(fenToWan(value.wanFen));
    cell.numFmt = YUAN_FORMAT;
  } else if (typeof value === 'object') {
    cell.value = value.rate;
    cell.numFmt = RATE_FORMAT;
  } else {
    cell.value = value;
  }
}

/**
 * The report as an Excel workbook: one worksheet per table (总体情况, 劳资纠纷, ...), each with the
 * report's heading and period above the table, bold headers, and the 合计 row in bold.
 */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'labour-cases';
  for (const table of doc.tables) {
    const sheet = workbook.addWorksheet(table.sheetName);
    sheet.addRow([doc.heading]).font = { bold: true, size: 14 };
    sheet.addRow([doc.periodLabel, doc.period.from, doc.period.to]);
    sheet.addRow([doc.generatedAtLabel, doc.generatedAt]);
    sheet.addRow([]);
    sheet.addRow([table.title]).font = { bold: true };
    const header = sheet.addRow(table.headers);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle' };
    for (const values of [...table.rows, ...(table.total ? [table.total] : [])]) {
      const row = sheet.addRow([]);
      values.forEach((value, i) => write(row.getCell(i + 1), value));
      if (values === table.total) row.font = { bold: true };
    }
    table.headers.forEach((h, i) => {
      sheet.getColumn(i + 1).width = Math.max(10, Math.min(40, h.length * 2 + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
