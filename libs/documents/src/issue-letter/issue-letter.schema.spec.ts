import { z } from 'zod';
import { issueLetterSchema } from './issue-letter.schema';

/** Each issue as 'dotted.path: message', as the API's problem+json names it. */
const problems = (schema: z.ZodType, body: unknown): string[] => {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

// What the letter decider checked again before issue 13: letters are issued through this schema only.
describe('POST …/letters request schema', () => {
  const letter = { kind: 'reminder-letter', facts: '经查，该企业拖欠12名员工2月工资', requests: '请于收到本函后15日内支付' };

  it('accepts a letter, its dates optional', () => {
    expect(problems(issueLetterSchema, letter)).toEqual([]);
    expect(problems(issueLetterSchema, { ...letter, issuedOn: '2026-03-05', replyBy: '2026-03-20' })).toEqual([]);
  });

  it.each([
    [{ facts: ' ' }, 'facts: must not be empty'],
    [{ requests: '' }, 'requests: must not be empty'],
    [{ requests: 'x'.repeat(5001) }, 'requests: must be at most 5000 characters'],
    [{ kind: 'warning' }, 'kind: must be one of reminder-letter, opinion, recommendation'],
    [{ issuedOn: '2026-02-30' }, 'issuedOn: must be a real date written YYYY-MM-DD'],
  ])('refuses %p', (change, problem) => {
    expect(problems(issueLetterSchema, { ...letter, ...change })).toEqual([problem]);
  });
});
