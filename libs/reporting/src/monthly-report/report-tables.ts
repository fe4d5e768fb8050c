import { district, DISPUTE_OUTCOMES, findSubDistrict, isCode, label, Locale, Vocabulary, CodeOf } from '@lc/reference-data';
import { render, text } from '../shared/i18n';
import { MonthlyReport } from './monthly-report';

/*
 * The monthly report laid out as tables with localized headings: one model that both the CSV and
 * the XLSX renderers write, so the two downloads always say the same thing.
 */

/**
 * A cell: text, a count, an amount in fen shown in yuan ({ fen }) or in 万元 with two decimals
 * ({ wanFen }), or a fraction (shown as a percentage). Amounts stay numbers in the XLSX.
 */
export type Cell = string | number | { fen: number } | { wanFen: number } | { rate: number };

export interface ReportTable {
  key: 'summary' | 'disputes' | 'complaints' | 'mediations' | 'alerts' | 'overdueClocks';
  title: string;
  sheetName: string;
  headers: string[];
  rows: Cell[][];
  /** The 合计 row: column sums, with the label in the first column. */
  total?: Cell[];
}

export interface ReportDocument {
  heading: string;
  periodLabel: string;
  period: { from: string; to: string };
  generatedAtLabel: string;
  generatedAt: string;
  tables: ReportTable[];
}

function vocabularyLabel<V extends Vocabulary>(vocabulary: V, code: string, locale: Locale): string {
  return isCode(vocabulary, code) ? label(vocabulary, code as CodeOf<V>, locale) : code;
}

/** An instant as readers in Shenzhen read it: 2022-06-01T00:00:05Z → "2022-06-01 08:00:05 +08:00". */
export function shanghaiDateTime(iso: string): string {
  return `${new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')} +08:00`;
}

function subDistrictLabel(code: string, locale: Locale): string {
  return findSubDistrict(code)?.name[locale] ?? (code === '' ? text(locale, 'monthly.unknownSubDistrict') : code);
}

function clockKindLabel(kind: string, locale: Locale): string {
  try {
    return text(locale, `monthly.clockKinds.${kind}`);
  } catch {
    return kind; // a kind of clock added after this report's wording
  }
}

/** Column sums of the numeric columns from `from` on; the first column says 合计. */
function totals(rows: Cell[][], width: number, from: number, locale: Locale): Cell[] {
  const out: Cell[] = [text(locale, 'monthly.total'), ...Array<Cell>(from - 1).fill('')];
  for (let col = from; col < width; col++) {
    const cells = rows.map((r) => r[col]);
    if (cells.some((c) => typeof c === 'object' && 'fen' in c)) {
      out.push({ fen: cells.reduce<number>((s, c) => s + (typeof c === 'object' && 'fen' in c ? c.fen : 0), 0) });
    } else {
      out.push(cells.reduce<number>((s, c) => s + (typeof c === 'number' ? c : 0), 0));
    }
  }
  return out;
}

export function reportDocument(report: MonthlyReport, locale: Locale, scope: string | null): ReportDocument {
  const col = (key: string) => text(locale, `monthly.columns.${key}`);
  const metric = (key: string) => text(locale, `monthly.metrics.${key}`);
  const sub = (code: string) => subDistrictLabel(code, locale);
  const section = (key: ReportTable['key']) => ({ title: text(locale, `monthly.sections.${key}`), sheetName: text(locale, `monthly.sheets.${key}`) });
  const s = report.summary;

  const summary: ReportTable = {
    key: 'summary',
    ...section('summary'),
    headers: [text(locale, 'monthly.metric'), text(locale, 'monthly.value')],
    rows: [
      [metric('disputesOpened'), s.disputes.opened],
      [metric('disputesResolved'), s.disputes.resolved],
      [metric('disputesAmountRecovered'), { fen: s.disputes.amountRecoveredFen }],
      [metric('disputesAmountRecoveredWan'), { wanFen: s.disputes.amountRecoveredFen }],
      [metric('groupDisputes'), s.disputes.groupDisputes],
      [metric('avgDaysToResolve'), s.disputes.avgDaysToResolve],
      [metric('complaintsReceived'), s.complaints.received],
      [metric('complaintsHandled'), s.complaints.handled],
      [metric('mediationsReferred'), s.mediations.referred],
      [metric('mediationsConcluded'), s.mediations.concluded],
      [metric('mediationsSucceeded'), s.mediations.succeeded],
      [metric('mediationsSuccessRate'), { rate: s.mediations.successRate }],
      [metric('mediationsAmountRecovered'), { fen: s.mediations.amountRecoveredFen }],
      [metric('mediationsAmountRecoveredWan'), { wanFen: s.mediations.amountRecoveredFen }],
      [metric('alertsSubmitted'), s.alerts.submitted],
      [metric('alertsRed'), s.alerts.red],
      [metric('alertsYellow'), s.alerts.yellow],
      [metric('alertsGreen'), s.alerts.green],
      [metric('alertsEscalated'), s.alerts.escalated],
      [metric('alertsConvertedToCases'), s.alerts.convertedToCases],
      [metric('alertsMedianMinutesToAcknowledge'), s.alerts.medianMinutesToAcknowledge],
      [metric('informantsActive'), s.informants.active],
      [metric('informantsReportedOnline'), s.informants.reportedOnline],
      [metric('overdueClocks'), report.overdueClocksTotal],
    ],
  };

  const disputeHeaders = [
    col('subDistrict'),
    col('category'),
    col('channel'),
    col('opened'),
    col('resolved'),
    ...DISPUTE_OUTCOMES.map((o) => label('disputeOutcomes', o, locale)),
    col('groupOpened'),
    col('groupResolved'),
    col('amountRecovered'),
  ];
  const disputeRows: Cell[][] = report.disputes.map((r) => [
    sub(r.subDistrict),
    vocabularyLabel('disputeCategories', r.category, locale),
    vocabularyLabel('disputeChannels', r.channel, locale),
    r.opened,
    r.resolved,
    ...DISPUTE_OUTCOMES.map((o) => r.byOutcome[o]),
    r.groupOpened,
    r.groupResolved,
    { fen: r.amountRecoveredFen },
  ]);

  const complaintHeaders = [col('subDistrict'), col('source'), col('received'), col('handled'), col('handledClosed'), col('converted')];
  const complaintRows: Cell[][] = report.complaints.map((r) => [
    sub(r.subDistrict),
    vocabularyLabel('complaintSources', r.source, locale),
    r.received,
    r.handled,
    r.handledClosed,
    r.converted,
  ]);

  const mediationHeaders = [
    col('subDistrict'),
    col('category'),
    col('referred'),
    col('concluded'),
    col('succeeded'),
    col('failed'),
    col('withdrawn'),
    col('amountAgreed'),
  ];
  const mediationRows: Cell[][] = report.mediations.map((r) => [
    sub(r.subDistrict),
    vocabularyLabel('disputeCategories', r.category, locale),
    r.referred,
    r.concluded,
    r.succeeded,
    r.failed,
    r.withdrawn,
    { fen: r.amountRecoveredFen },
  ]);

  const alertHeaders = [
    col('subDistrict'),
    col('submitted'),
    label('alertGrades', 'red', locale),
    label('alertGrades', 'yellow', locale),
    label('alertGrades', 'green', locale),
    col('ungraded'),
    col('acknowledged'),
    col('escalated'),
    col('convertedToCases'),
    col('dismissed'),
  ];
  const alertRows: Cell[][] = report.alerts.map((r) => [
    sub(r.subDistrict),
    r.submitted,
    r.red,
    r.yellow,
    r.green,
    r.ungraded,
    r.acknowledged,
    r.escalated,
    r.convertedToCases,
    r.dismissed,
  ]);

  const clockHeaders = [col('subDistrict'), col('clockKind'), col('overdue')];
  const clockRows: Cell[][] = report.overdueClocks.map((r) => [sub(r.subDistrict), clockKindLabel(r.kind, locale), r.overdue]);

  const table = (key: ReportTable['key'], headers: string[], rows: Cell[][], firstNumeric: number): ReportTable => ({
    key,
    ...section(key),
    headers,
    rows,
    total: totals(rows, headers.length, firstNumeric, locale),
  });

  const [year, month] = report.month.split('-');
  const federation = district().federation[locale];
  return {
    heading: render(locale, 'monthly.heading', {
      federation,
      scope: scope === null ? '' : render(locale, 'monthly.scope', { name: sub(scope) }),
      year,
      monthNumber: Number(month),
      month: report.month,
    }),
    periodLabel: text(locale, 'monthly.period'),
    period: report.period,
    generatedAtLabel: text(locale, 'monthly.generatedAt'),
    generatedAt: shanghaiDateTime(report.generatedAt),
    tables: [
      summary,
      table('disputes', disputeHeaders, disputeRows, 3),
      table('complaints', complaintHeaders, complaintRows, 2),
      table('mediations', mediationHeaders, mediationRows, 2),
      table('alerts', alertHeaders, alertRows, 1),
      table('overdueClocks', clockHeaders, clockRows, 2),
    ],
  };
}
