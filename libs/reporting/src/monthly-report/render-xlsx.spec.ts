import ExcelJS from 'exceljs';
import { renderCsv } from './render-csv';
import { renderXlsx } from './render-xlsx';
import { ReportDocument } from './report-tables';

const doc: ReportDocument = {
  heading: '诉求信息月报',
  periodLabel: '期间',
  period: { from: '2022-05-01', to: '2022-05-31' },
  generatedAtLabel: '生成时间',
  generatedAt: '2022-06-01 08:00:05 +08:00',
  tables: [
    {
      key: 'summary',
      title: '一、总体情况',
      sheetName: '总体情况',
      headers: ['指标', '数值'],
      rows: [
        ['帮助职工争取经济利益（万元）', { wanFen: 211_667_000 }],
        ['争取经济利益（元）', { fen: 12_345 }],
        ['调处办结（宗）', 7],
      ],
    },
  ],
};

describe('monthly report amounts in 万元', () => {
  it('are numbers with a two-decimal number format in the XLSX, not text', async () => {
    const workbook = new ExcelJS.Workbook();
    // In-memory: the rendered buffer read back.
    await workbook.xlsx.load((await renderXlsx(doc)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('总体情况')!;
    const wan = sheet.getRow(7).getCell(2);
    expect(wan.value).toBe(211.67);
    expect(typeof wan.value).toBe('number');
    expect(wan.numFmt).toBe('#,##0.00');
    expect(sheet.getRow(8).getCell(2).value).toBe(123.45);
    expect(sheet.getRow(9).getCell(2).value).toBe(7);
  });

  it('read the same in the CSV', () => {
    expect(renderCsv(doc)).toContain('帮助职工争取经济利益（万元）,211.67,');
  });
});
