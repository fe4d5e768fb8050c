import ExcelJS from 'exceljs';
import { METRIC } from '../statistics/metrics';
import { buildSummary } from '../summary/summary';
import { buildMonthlyReport, MonthCounter, scopeMonthlyReport } from './monthly-report';
import { renderCsv, UTF8_BOM } from './render-csv';
import { renderXlsx } from './render-xlsx';
import { reportDocument } from './report-tables';

const period = { from: '2022-05-01', to: '2022-05-31' };
const c = (subDistrict: string, category: string, channel: string, metric: string, value: number, detail = ''): MonthCounter => ({
  subDistrict,
  category,
  channel,
  metric,
  value,
  detail,
});
const counters = [
  c('buji', 'wage_arrears', 'walk_in', METRIC.disputeOpened, 2),
  c('buji', 'wage_arrears', 'walk_in', METRIC.disputeResolved, 1, 'agreement'),
  c('buji', 'wage_arrears', 'walk_in', METRIC.disputeRecoveredFen, 123_456),
  c('pinghu', 'work_injury', 'hotline_12351', METRIC.disputeOpened, 1),
  c('pinghu', 'work_injury', 'hotline_12351', METRIC.disputeRecoveredFen, 44),
  c('pinghu', '', 'online_opinion', METRIC.complaintReceived, 3),
  c('pinghu', '', 'online_opinion', METRIC.complaintHandled, 1, 'converted'),
  c('pinghu', '', '', METRIC.alertSubmitted, 2, 'red'),
];
const report = buildMonthlyReport({
  month: '2022-05',
  generatedAt: new Date('2022-06-01T00:00:05Z'),
  trigger: 'schedule',
  counters,
  summary: buildSummary(period, null, counters),
  summaries: {
    pinghu: buildSummary(period, 'pinghu', counters.filter((x) => x.subDistrict === 'pinghu')),
    buji: buildSummary(period, 'buji', counters.filter((x) => x.subDistrict === 'buji')),
  },
  overdueClocks: [{ subDistrict: 'buji', kind: 'mediation_period', overdue: 2 }],
});

describe('the monthly report', () => {
  it('orders rows as the district lists its sub-districts, and totals them', () => {
    expect(report.disputes.map((r) => r.subDistrict)).toEqual(['pinghu', 'buji']);
    expect(report.summary.disputes).toMatchObject({ opened: 3, resolved: 1, amountRecoveredFen: 123_500 });
    expect(report.overdueClocksTotal).toBe(2);
  });

  it('shows a sub-district its own rows and summary', () => {
    const pinghu = scopeMonthlyReport(report, 'pinghu');
    expect(pinghu.disputes.map((r) => r.subDistrict)).toEqual(['pinghu']);
    expect(pinghu.summary.disputes.opened).toBe(1);
    expect(pinghu.overdueClocksTotal).toBe(0);
    expect(scopeMonthlyReport(report, 'pingdi').summary.disputes.opened).toBe(0);
  });

  it('writes CSV with a BOM, CRLF lines of equal width, Chinese headings and amounts in yuan', () => {
    const csv = renderCsv(reportDocument(report, 'zh', null));
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(new Set(lines.map((l) => l.split(',').length)).size).toBe(1);
    expect(lines[0]).toMatch(/^深圳市龙岗区总工会诉求信息月报（2022年5月）,/);
    expect(lines).toContainEqual(expect.stringMatching(/^布吉街道,欠薪,来访,2,1,1,0,0,0,0,0,0,1234\.56,*$/));
    expect(lines).toContainEqual(expect.stringMatching(/^合计,,,3,1,1,0,0,0,0,0,0,1235\.00,*$/));
    expect(lines).toContainEqual(expect.stringMatching(/^帮助职工争取经济利益（万元）,0\.12,*$/));
    expect(lines).toContainEqual(expect.stringMatching(/^布吉街道,诉前调解期限（30日）,2,*$/));
    expect(lines[2]).toMatch(/^生成时间,2022-06-01 08:00:05 \+08:00,*$/);
  });

  it('quotes fields that need it', () => {
    const doc = reportDocument(report, 'en', 'pinghu');
    expect(doc.heading).toBe('Federation of Trade Unions of Longgang District, Shenzhen, Pinghu Subdistrict: monthly report of worker complaints and demands, 2022-05');
    const csv = renderCsv(doc);
    expect(csv).toContain('"Federation of Trade Unions of Longgang District, Shenzhen, Pinghu Subdistrict: monthly report');
    expect(csv).toContain('\r\nDisputes involving 30+ workers resolved,0,');
  });

  it('writes an XLSX workbook with a sheet per section', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderXlsx(reportDocument(report, 'zh', null))) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['总体情况', '劳资纠纷', '投诉反映问题', '诉前调解', '预警信息', '超期事项']);
    const disputes = workbook.getWorksheet('劳资纠纷')!;
    const total = disputes.getRow(disputes.rowCount);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(4).value).toBe(3);
    expect(total.getCell(13).value).toBe(1235);
    expect(total.getCell(13).numFmt).toBe('#,##0.00');
  });
});
