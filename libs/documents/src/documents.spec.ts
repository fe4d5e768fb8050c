import { DomainError } from '@lc/decider';
import { LOCALES } from '@lc/reference-data';
import { capitalAmount } from './chinese-amount';
import {
  disputeAgreementValues,
  DocumentContext,
  judicialConfirmationValues,
  letterValues,
  mediationAgreementValues,
  referralFeedbackValues,
  StreamEvents,
} from './document-values';
import { docxText, fillTemplate, loadTemplate, placeholdersOf } from './docx';
import { LETTER_KINDS, LetterIssuedData } from './letters/letter.decider';
import { renderDocument } from './render';

const EMPLOYER = { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' };
const WORKERS = [
  { name: '张三', idNumber: '11010519491231002X', phone: '13812345678' },
  { name: '李四', phone: '13900001111' },
];

const disputeOpened = {
  type: 'DisputeOpened',
  data: {
    disputeId: 'd-1',
    caseNo: 'LG-PH-2026-0007',
    channel: 'walk_in',
    subDistrict: 'pinghu',
    employer: EMPLOYER,
    category: 'wage_arrears',
    workersInvolved: 2,
    amountClaimedFen: 2_000_000,
    summary: '公司拖欠2025年11月至2026年1月工资。',
    openedOn: '2026-02-01',
    claimants: WORKERS,
  },
};
const DISPUTE_AGREED: StreamEvents = [
  disputeOpened,
  { type: 'MediatorAssigned', data: { mediatorId: 'm-1' } },
  { type: 'RecoveryRecorded', data: { amountFen: 1_234_500, recoveredOn: '2026-02-20', note: '首期' } },
  { type: 'DisputeResolved', data: { outcome: 'agreement', resolvedOn: '2026-02-20', note: '公司于2026年3月15日前以银行转账方式一次性支付。' } },
];

const referred = {
  type: 'MediationReferred',
  data: {
    mediationId: 'x-1',
    court: '深圳市龙岗区人民法院',
    courtCaseNo: '（2026）粤0307民诉前调1234号',
    referredOn: '2026-03-02',
    subDistrict: 'pinghu',
    category: 'wage_arrears',
    employer: EMPLOYER,
    workers: WORKERS,
    claimAmountFen: 12_000_000,
  },
};
const session = { type: 'MediationSessionHeld', data: { heldOn: '2026-03-05', form: 'in_person', note: '双方对加班费计算基数分歧较大。' } };
const MEDIATION_AGREED: StreamEvents = [
  referred,
  session,
  { type: 'MediationAgreementReached', data: { amountFen: 10_000_050, agreedOn: '2026-03-09', paymentTerms: '2026年4月30日前一次性支付' } },
];
const MEDIATION_FAILED: StreamEvents = [referred, session, { type: 'MediationFailed', data: { reason: '加班费计算基数', failedOn: '2026-03-20' } }];

const context = (overrides: Partial<DocumentContext> = {}): DocumentContext => ({
  lang: 'zh',
  today: '2026-03-25',
  seesPersonalData: true,
  mediatorName: '王调解',
  ...overrides,
});

const letter = (overrides: Partial<LetterIssuedData> = {}): LetterIssuedData => ({
  letterId: 'l-1',
  kind: 'reminder-letter',
  letterNo: '龙岗工提〔2026〕1号',
  issuedOn: '2026-02-21',
  record: { kind: 'dispute', id: 'd-1', ref: 'LG-PH-2026-0007' },
  subDistrict: 'pinghu',
  mediatorId: 'm-1',
  employer: EMPLOYER,
  facts: '你单位未按时足额支付工资。',
  requests: '一、按月足额支付工资；\n二、依法缴纳社会保险。',
  ...overrides,
});

async function rendered(kind: Parameters<typeof renderDocument>[0], values: Record<string, string>, lang: 'zh' | 'en' = 'zh') {
  return docxText(await renderDocument(kind, lang, values));
}

describe('templates', () => {
  it.each(LOCALES.flatMap((lang) => ['mediation-agreement', 'judicial-confirmation-application', 'referral-feedback', ...LETTER_KINDS].map((kind) => [lang, kind])))(
    '%s/%s is well-formed XML whose placeholders each sit inside one run',
    (lang, kind) => {
      const template = loadTemplate(lang, kind);
      expect(placeholdersOf(template).length).toBeGreaterThan(3);
      // Each placeholder inside a <w:t>: a placeholder split by Word into runs would never be found.
      for (const m of template.matchAll(/\{\{\w+\}\}/g)) {
        const before = template.slice(0, m.index);
        expect(before.lastIndexOf('<w:t')).toBeGreaterThan(before.lastIndexOf('</w:t>'));
      }
    },
  );
});

describe('a dispute case’s 调解协议书, from its events', () => {
  it('has the parties, the amount in figures and in capitals, the terms, the mediator and the date', async () => {
    const text = await rendered('mediation-agreement', disputeAgreementValues(DISPUTE_AGREED, context()));
    expect(text).toContain('调解协议书');
    expect(text).toContain('LG-PH-2026-0007');
    expect(text).toContain('姓名：张三；公民身份号码：11010519491231002X；联系电话：13812345678');
    expect(text).toContain('姓名：李四；公民身份号码：（未登记）');
    expect(text).toContain('深圳市某某电子有限公司');
    expect(text).toContain('91440300708461136T');
    expect(text).toContain('人民币壹万贰仟叁佰肆拾伍元整（¥12,345.00元）');
    expect(text).toContain('公司于2026年3月15日前以银行转账方式一次性支付。');
    expect(text).toContain('王调解');
    expect(text).toContain('2026年2月20日');
    expect(text).toContain('本协议一式4份');
  });

  it('masks ID numbers and phones for those who may not see them', async () => {
    const text = await rendered('mediation-agreement', disputeAgreementValues(DISPUTE_AGREED, context({ seesPersonalData: false })));
    expect(text).toContain('110105********002X');
    expect(text).toContain('138****5678');
    expect(text).not.toContain('11010519491231002X');
  });

  it('is refused before an agreement (409) and after another outcome', () => {
    const refused = (events: StreamEvents) => {
      try {
        disputeAgreementValues(events, context());
      } catch (error) {
        return (error as DomainError).code;
      }
      return 'rendered';
    };
    expect(refused([disputeOpened])).toBe('conflict');
    expect(refused([disputeOpened, { type: 'DisputeResolved', data: { outcome: 'withdrawn', resolvedOn: '2026-02-20', note: '' } }])).toBe('conflict');
    // Reopened after the agreement: no agreement in force.
    expect(refused([...DISPUTE_AGREED, { type: 'DisputeReopened', data: { reason: '未履行', reopenedOn: '2026-03-20' } }])).toBe('conflict');
  });

  it('inserts what users typed as text: markup and placeholder look-alikes stay as typed', async () => {
    const note = '<w:t>{{employerName}}</w:t> & "一次性" {{title}}';
    const events = [...DISPUTE_AGREED.slice(0, 3), { type: 'DisputeResolved', data: { outcome: 'agreement', resolvedOn: '2026-02-20', note } }];
    const docx = await renderDocument('mediation-agreement', 'zh', disputeAgreementValues(events, context()));
    const text = await docxText(docx);
    expect(text).toContain(note);
    expect(fillTemplate('<w:t>{{a}}</w:t>', { a: '<b>&' })).toBe('<w:t>&lt;b&gt;&amp;</w:t>');
  });
});

describe('a court-referred mediation’s documents, from its events', () => {
  it('调解协议书: the court’s case number, the parties, the amount both ways, the terms and the day of the agreement', async () => {
    const text = await rendered('mediation-agreement', mediationAgreementValues(MEDIATION_AGREED, context()));
    expect(text).toContain('（2026）粤0307民诉前调1234号');
    expect(text).toContain('张三');
    expect(text).toContain('深圳市某某电子有限公司');
    expect(text).toContain(`${capitalAmount(10_000_050)}（¥100,000.50元）`);
    expect(text).toContain('人民币壹拾万元伍角整');
    expect(text).toContain('2026年4月30日前一次性支付');
    expect(text).toContain('2026年3月9日');
  });

  it('司法确认申请书: the applicants, the request, the agreement, the service addresses and phones, the court and the 30-day limit', async () => {
    const text = await rendered('judicial-confirmation-application', judicialConfirmationValues(MEDIATION_AGREED, context()));
    expect(text).toContain('申请人一（劳动者）');
    expect(text).toContain('请求依法确认申请人于2026年3月9日');
    expect(text).toContain('张三：送达地址');
    expect(text).toContain('联系电话 13812345678');
    expect(text).toContain('此致\n深圳市龙岗区人民法院');
    expect(text).toContain('2026年4月8日前');
    expect(text).toContain('人民币壹拾万元伍角整（¥100,000.50元）');
  });

  it('委托调解反馈函 on success and on failure (with the points in dispute); none while under way', async () => {
    const agreed = await rendered('referral-feedback', referralFeedbackValues(MEDIATION_AGREED, context()));
    expect(agreed).toContain('深圳市龙岗区人民法院：');
    expect(agreed).toContain('调解成功');
    expect(agreed).toContain('共组织调解1次');
    expect(agreed).toContain('双方对加班费计算基数分歧较大。');
    const failed = await rendered('referral-feedback', referralFeedbackValues(MEDIATION_FAILED, context()));
    expect(failed).toContain('调解不成（2026年3月20日）');
    expect(failed).toContain('加班费计算基数');
    expect(failed).toContain('退回贵院');
    expect(() => referralFeedbackValues([referred], context())).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('refuses the agreement and the application before an agreement', () => {
    expect(() => mediationAgreementValues(MEDIATION_FAILED, context())).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => judicialConfirmationValues([referred], context())).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('renders in English too', async () => {
    const text = await rendered('judicial-confirmation-application', judicialConfirmationValues(MEDIATION_AGREED, context({ lang: 'en' })), 'en');
    expect(text).toContain('Application for judicial confirmation');
    expect(text).toContain('CNY 100,000.50');
    expect(text).toContain('9 March 2026');
  });
});

describe('letters to an enterprise (一函两书)', () => {
  it.each([
    ['reminder-letter', '提示函', '提示如下'],
    ['opinion', '劳动法律监督意见书', '提出如下意见'],
    ['recommendation', '劳动法律监督建议书', '提出如下建议'],
  ] as const)('%s: number, employer, the record cited, the findings and the requests', async (kind, title, verb) => {
    const text = await rendered(kind, letterValues(letter({ kind }), DISPUTE_AGREED, context()));
    expect(text).toContain(title);
    expect(text).toContain(verb);
    expect(text).toContain('龙岗工提〔2026〕1号');
    expect(text).toContain('深圳市某某电子有限公司（统一社会信用代码：91440300708461136T）');
    expect(text).toContain('LG-PH-2026-0007号欠薪劳资纠纷案件');
    expect(text).toContain('一、按月足额支付工资；\n二、依法缴纳社会保险。');
    expect(text).toContain('十五日内');
    expect(text).toContain('2026年2月21日');
  });

  it('cites a mediation by the court’s case number', async () => {
    const text = await rendered(
      'opinion',
      letterValues(letter({ kind: 'opinion', record: { kind: 'mediation', id: 'x-1', ref: '（2026）粤0307民诉前调1234号' }, replyBy: '2026-04-01' }), MEDIATION_AGREED, context()),
    );
    expect(text).toContain('深圳市龙岗区人民法院委托调解的（2026）粤0307民诉前调1234号欠薪纠纷案件');
    expect(text).toContain('请你单位于2026年4月1日前');
  });
});
