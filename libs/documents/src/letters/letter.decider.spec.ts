import { given } from '@lc/decider';
import { enterpriseLetters, IssueLetter, LetterIssued, letterNoFor, UNNUMBERED } from './letter.decider';

const NOW = new Date('2026-03-10T02:00:00Z'); // 10:00 in Shanghai
const EMPLOYER = { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' };

const issue = (overrides: Partial<IssueLetter> = {}): IssueLetter => ({
  type: 'IssueLetter',
  letterId: 'l-1',
  kind: 'reminder-letter',
  record: { kind: 'dispute', id: 'd-1', ref: 'LG-PH-2026-0007' },
  subDistrict: 'pinghu',
  mediatorId: 'm-1',
  employer: EMPLOYER,
  facts: '拖欠工资',
  requests: '按月足额支付',
  recordStartedOn: '2026-03-02',
  now: NOW,
  actor: { id: 'm-1', role: 'mediator' },
  ...overrides,
});

const issued = (overrides: Partial<LetterIssued['data']> = {}): LetterIssued => ({
  type: 'LetterIssued',
  data: {
    letterId: 'l-1',
    kind: 'reminder-letter',
    letterNo: UNNUMBERED,
    issuedOn: '2026-03-10',
    record: { kind: 'dispute', id: 'd-1', ref: 'LG-PH-2026-0007' },
    subDistrict: 'pinghu',
    mediatorId: 'm-1',
    employer: EMPLOYER,
    facts: '拖欠工资',
    requests: '按月足额支付',
    ...overrides,
  },
});

describe('letters to an enterprise', () => {
  it('issues a letter, dated today in Shanghai, numbered later (the handler allocates after the decision)', () => {
    given(enterpriseLetters).when(issue()).then([issued()]);
  });

  it('keeps the day asked for and the reply date', () => {
    given(enterpriseLetters)
      .when(issue({ issuedOn: '2026-03-05', replyBy: '2026-03-20' }))
      .then([issued({ issuedOn: '2026-03-05', replyBy: '2026-03-20' })]);
  });

  it('appends nothing for a letter already issued (a retry)', () => {
    given(enterpriseLetters, [issued({ letterNo: '龙岗工提〔2026〕1号' })]).when(issue()).then([]);
  });

  // Empty text and an unknown kind are the request schema's: issue-letter.schema.spec.ts.
  it('refuses a day in the future or before the record, a reply before the letter', () => {
    given(enterpriseLetters).when(issue({ issuedOn: '2026-03-11' })).thenThrows('unprocessable', 'issuedOn');
    given(enterpriseLetters).when(issue({ issuedOn: '2026-03-01' })).thenThrows('unprocessable', 'issuedOn');
    given(enterpriseLetters).when(issue({ replyBy: '2026-03-09' })).thenThrows('validation_failed', 'replyBy');
  });

  it('numbers by kind and year: 龙岗工提〔2026〕3号', () => {
    expect(letterNoFor('reminder-letter', 2026, 3)).toBe('龙岗工提〔2026〕3号');
    expect(letterNoFor('opinion', 2026, 1)).toBe('龙岗工意〔2026〕1号');
    expect(letterNoFor('recommendation', 2027, 12)).toBe('龙岗工建〔2027〕12号');
  });
});
