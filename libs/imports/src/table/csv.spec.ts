import { CsvSyntaxError, parseCsv, toCsv } from './csv';
import { readDate, readShanghaiInstant, readYuanAsFen } from './cells';

describe('parseCsv', () => {
  it('reads plain records, with or without a BOM, CRLF or LF', () => {
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2'] },
    ]);
    expect(parseCsv('\uFEFF街道,来源\n平湖,来访')).toEqual([
      { row: 1, cells: ['街道', '来源'] },
      { row: 2, cells: ['平湖', '来访'] },
    ]);
  });

  it('keeps commas, quotes and line breaks inside quoted fields, in one row', () => {
    const records = parseCsv('summary,n\r\n"工资未发, 共""三""个月\r\n第二行",3\r\nx,4\r\n');
    expect(records).toEqual([
      { row: 1, cells: ['summary', 'n'] },
      { row: 2, cells: ['工资未发, 共"三"个月\r\n第二行', '3'] },
      { row: 3, cells: ['x', '4'] },
    ]);
  });

  it('keeps empty fields and counts blank lines as rows, as a spreadsheet shows them', () => {
    expect(parseCsv('a,b,c\n,,\n\n1,,3')).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['', '', ''] },
      { row: 4, cells: ['1', '', '3'] },
    ]);
    expect(parseCsv('a,""\n')).toEqual([{ row: 1, cells: ['a', ''] }]);
  });

  it('names the row of broken quoting', () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"x"y,1')).toThrow(/row 2/);
  });

  it('writes what it reads', () => {
    const rows = [
      ['街道 / subDistrict', 'summary'],
      ['平湖', '一, "二"\n三'],
    ];
    const text = toCsv(rows);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(parseCsv(text).map((r) => r.cells)).toEqual(rows);
  });
});

describe('cells', () => {
  it('reads yuan into fen without floating-point error', () => {
    expect(readYuanAsFen('1,234.5')).toBe(123450);
    expect(readYuanAsFen('¥0.07')).toBe(7);
    expect(readYuanAsFen(0.1 + 0.2)).toBe(30);
    expect(readYuanAsFen(21166700)).toBe(2116670000);
    expect(() => readYuanAsFen('1.234')).toThrow(/two decimals/);
    expect(() => readYuanAsFen(1.234)).toThrow(/two decimals/);
    expect(readYuanAsFen('')).toBeUndefined();
  });

  it('reads the ways clerks write dates', () => {
    for (const text of ['2022-03-05', '2022/3/5', '2022.03.05', '2022年3月5日', '2022-03-05 14:30']) expect(readDate(text)).toBe('2022-03-05');
    expect(readDate(new Date('2022-03-05T00:00:00Z'))).toBe('2022-03-05');
    expect(() => readDate('2022-02-30')).toThrow(/not a real date/);
    expect(() => readDate('05/03/2022')).toThrow(/YYYY-MM-DD/);
  });

  it('reads wall-clock times as China Standard Time', () => {
    expect(readShanghaiInstant('2022-03-05 09:30')).toBe('2022-03-05T09:30:00+08:00');
    expect(readShanghaiInstant('2022-03-05')).toBe('2022-03-05T00:00:00+08:00');
    expect(readShanghaiInstant('2022-03-05T01:30:00Z')).toBe('2022-03-05T01:30:00Z');
    expect(readShanghaiInstant(new Date('2022-03-05T09:30:00Z'))).toBe('2022-03-05T09:30:00+08:00');
    expect(() => readShanghaiInstant('2022-03-05 25:00')).toThrow();
  });
});
