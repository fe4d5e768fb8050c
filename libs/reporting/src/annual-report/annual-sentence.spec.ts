import { LOCALES } from '@lc/reference-data';
import { fill, negotiateLocale, templatePlaceholders } from '../shared/i18n';
import { METRIC } from '../statistics/metrics';
import { buildSummary, CounterTotal } from '../summary/summary';
import { annualSentence } from './annual-sentence';

const c = (metric: string, value: number, detail = '', channel = ''): CounterTotal => ({ metric, value, detail, channel });

/** The 2022 figures of the federation's annual work report. */
const figures2022 = buildSummary({ from: '2022-01-01', to: '2022-12-31' }, null, [
  c(METRIC.disputeResolved, 600, 'agreement'),
  c(METRIC.disputeResolved, 77, 'referred_arbitration'),
  c(METRIC.disputeRecoveredFen, 2_116_670_000),
  c(METRIC.disputeResolvedGroup, 4),
  c(METRIC.complaintHandled, 200, 'handled', 'hotline_12351'),
  c(METRIC.complaintHandled, 43, 'converted', 'online_opinion'),
  c(METRIC.mediationConcluded, 1000, 'agreement'),
  c(METRIC.mediationConcluded, 76, 'failed'),
  c(METRIC.mediationAgreedFen, 1_088_000_000),
]);

describe('the annual work report sentence', () => {
  it('says the 2022 report word for word, in Chinese by default', () => {
    expect(annualSentence(figures2022, 'zh')).toBe(
      '调处劳资纠纷677宗，帮助职工争取经济利益2116.67万元，参与处置涉及职工30人以上劳资纠纷事件4宗；处置网络舆情、12351工单等渠道职工投诉反映问题243件；处理诉前调解案件1076件，为职工争取工资等经济利益1088.00万元。',
    );
  });

  it('has an English rendering with the same figures', () => {
    const english = annualSentence(figures2022, 'en');
    expect(english).toContain('Resolved 677 labour disputes');
    expect(english).toContain('CNY 21,166,700.00 (2116.67 ten-thousand yuan)');
    expect(english).toContain('4 disputes involving 30 or more workers');
    expect(english).toContain('handled 243 worker complaints');
    expect(english).toContain('handled 1076 pre-litigation mediations');
    expect(english).toContain('CNY 10,880,000.00 (1088.00 ten-thousand yuan)');
  });

  it('gets English plurals right for one of a kind', () => {
    const one = buildSummary({ from: '2022-01-01', to: '2022-12-31' }, null, []);
    one.disputes.resolved = 1;
    one.disputes.groupDisputes = 1;
    one.complaints.handled = 1;
    one.mediations.concluded = 1;
    const english = annualSentence(one, 'en');
    expect(english).toContain('Resolved 1 labour dispute together');
    expect(english).toContain('handling 1 dispute involving 30 or more workers');
    expect(english).toContain('handled 1 worker complaint from');
    expect(english).toContain('handled 1 pre-litigation mediation,');
  });

  it('rounds the amounts half up', () => {
    const figures = buildSummary({ from: '2022-01-01', to: '2022-12-31' }, null, [c(METRIC.disputeRecoveredFen, 2_116_665_000)]);
    expect(annualSentence(figures, 'zh')).toContain('帮助职工争取经济利益2116.67万元');
    expect(annualSentence(figures, 'zh')).toContain('调处劳资纠纷0宗');
  });

  it('draws on figures both locales can fill', () => {
    for (const locale of LOCALES) {
      expect(templatePlaceholders(locale, 'annual.sentence').length).toBeGreaterThanOrEqual(6);
      expect(() => annualSentence(figures2022, locale)).not.toThrow();
    }
    expect(() => fill('{a} and {b}', { a: 1 })).toThrow(/needs b/);
  });
});

describe('the report language', () => {
  it('follows Accept-Language, Chinese unless English is preferred', () => {
    expect(negotiateLocale(undefined)).toBe('zh');
    expect(negotiateLocale('en')).toBe('en');
    expect(negotiateLocale('en-GB,en;q=0.9')).toBe('en');
    expect(negotiateLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(negotiateLocale('fr-FR, en;q=0.5')).toBe('en');
    expect(negotiateLocale('zh;q=0.4, en;q=0.6')).toBe('en');
    expect(negotiateLocale('de')).toBe('zh');
    expect(negotiateLocale('en;q=0')).toBe('zh');
    expect(negotiateLocale(';;,')).toBe('zh');
  });
});
