import { readTable } from '../table/read-table';
import { toCsv } from '../table/csv';
import { validateRows } from '../validate-rows';
import { ImportKindName } from './columns';

// 2023-01-10 10:00 in Shanghai: rows dated after it are in the future.
const NOW = new Date('2023-01-10T02:00:00Z');

async function errorsOf(kind: ImportKindName, rows: string[][]): Promise<Array<[string | null, string]>> {
  const table = await readTable(Buffer.from(toCsv(rows), 'utf8'));
  const validation = await validateRows(kind, table, {
    fileHash: 'f'.repeat(64),
    now: NOW,
    actor: { id: 'admin-1', role: 'admin' },
    mediatorId: async (name) => (name === 'li.mei' ? { id: '7b0f5d8e-5b7c-4a57-9d7e-1f2a3b4c5d6e' } : { problem: `no account has the username ${name}` }),
    numberOwner: async () => undefined,
  });
  return validation.errors.map((e) => [e.field, e.message]);
}

const DISPUTE_HEADERS = ['subDistrict', 'channel', 'category', 'employerName', 'employerCreditCode', 'workersInvolved', 'summary', 'openedOn', 'claimantName', 'amountRecoveredYuan', 'recoveredOn', 'outcome', 'resolvedOn'];
const dispute = (o: Partial<Record<(typeof DISPUTE_HEADERS)[number], string>> = {}) => {
  const row: Record<string, string> = {
    subDistrict: '平湖',
    channel: '来访',
    category: '欠薪',
    employerName: '深圳市某某电子有限公司',
    employerCreditCode: '91440300708461136T',
    workersInvolved: '12',
    summary: '12名员工反映2月工资未发放',
    openedOn: '2021-03-02',
    claimantName: '张三',
    amountRecoveredYuan: '1000',
    recoveredOn: '2021-03-10',
    outcome: '调解成功',
    resolvedOn: '2021-03-20',
    ...o,
  };
  return DISPUTE_HEADERS.map((h) => row[h]);
};

describe('a row lists every error at once', () => {
  it('decides the resolution after a refused recovery, beside the schema error', async () => {
    const errors = await errorsOf('disputes', [
      DISPUTE_HEADERS,
      dispute({ employerCreditCode: '91440300708461136U', recoveredOn: '2021-03-01', resolvedOn: '2023-02-01' }),
    ]);
    expect(errors.map(([field]) => field)).toEqual(['employerCreditCode', 'recoveredOn', 'resolvedOn']);
    expect(errors[1][1]).toMatch(/before the day the case was opened/);
    expect(errors[2][1]).toMatch(/in the future/);
  });

  it('checks the later dates against nothing made up when the opening day is refused, by the schema or by a rule', async () => {
    const errors = await errorsOf('disputes', [
      DISPUTE_HEADERS,
      // Before 1949-10-01: the schema's span. The recovery and the resolution are in the future.
      dispute({ openedOn: '1900-01-01', recoveredOn: '2023-02-02', resolvedOn: '2023-02-03' }),
      // The opening itself in the future (the decider's rule), and the resolution too.
      dispute({ openedOn: '2023-02-01', recoveredOn: '2021-03-10', resolvedOn: '2023-02-03' }),
      // No opening day at all: not today, which would put the good 2021 dates before it.
      dispute({ openedOn: '' }),
      dispute({ openedOn: '2021-02-30' }),
    ]);
    expect(errors.map(([field]) => field)).toEqual(['openedOn', 'recoveredOn', 'resolvedOn', 'openedOn', 'resolvedOn', 'openedOn', 'openedOn']);
    expect(errors.filter(([field]) => field !== 'openedOn').every(([, message]) => /in the future/.test(message))).toBe(true);
    // The stand-in opening day is never quoted as the day a date is before.
    expect(JSON.stringify(errors)).not.toContain('(1949-10-01)');
  });

  it('decides a mediation judicial confirmation against the application day when the agreement is refused', async () => {
    const headers = ['court', 'courtCaseNo', 'referredOn', 'subDistrict', 'category', 'employerName', 'employerCreditCode', 'workerNames', 'result', 'endedOn', 'agreedAmountYuan', 'judicialConfirmation', 'judicialConfirmationAppliedOn', 'judicialConfirmationDecidedOn'];
    const row = (o: Record<string, string>) => headers.map((h) => o[h] ?? '');
    const base = { court: '深圳市龙岗区人民法院', courtCaseNo: 'A-1', referredOn: '2021-05-06', subDistrict: '坂田', category: '欠薪', employerName: '某公司', employerCreditCode: '91350200776049653A', workerNames: '王五', result: '调解成功', agreedAmountYuan: '100' };
    const errors = await errorsOf('mediations', [
      headers,
      // The agreement before the referral; the court decided in the future.
      row({ ...base, endedOn: '2021-05-01', judicialConfirmation: '已确认', judicialConfirmationAppliedOn: '2021-05-25', judicialConfirmationDecidedOn: '2023-03-01' }),
      // The agreement in the future; without a confirmation nothing else is decided on it.
      row({ ...base, courtCaseNo: 'A-2', endedOn: '2023-03-01' }),
      // An application the schema refuses: the court's decision is not blamed for the missing application.
      row({ ...base, courtCaseNo: 'A-3', endedOn: '2021-05-20', judicialConfirmation: '已确认', judicialConfirmationAppliedOn: '1900-01-01', judicialConfirmationDecidedOn: '2021-06-03' }),
    ]);
    expect(errors.map(([field]) => field)).toEqual(['endedOn', 'judicialConfirmationDecidedOn', 'endedOn', 'judicialConfirmationAppliedOn']);
    expect(errors[0][1]).toMatch(/before the day the case was referred/);
    expect(errors[1][1]).toMatch(/in the future/);
  });

  it('decides a complaint handling after a refused reception', async () => {
    const errors = await errorsOf('complaints', [
      ['source', 'subDistrict', 'summary', 'receivedAt', 'handledOn'],
      ['other', '龙城', '反映拖欠工资', '2023-02-01 10:00', '2023-02-02'],
    ]);
    expect(errors.map(([field]) => field)).toEqual(['receivedAt', 'handledOn']);
  });
});
