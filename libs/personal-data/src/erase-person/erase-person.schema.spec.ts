import { erasePersonSchema } from './erase-person.schema';

/** Each issue as 'dotted.path: message', as the API's problem+json names it. */
const problems = (body: unknown): string[] => {
  const result = erasePersonSchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

// What the person decider checked again before issue 13: an erasure is requested through this schema only.
describe('POST /persons/{id}/erasure request schema', () => {
  it('needs a reason, of at most 500 characters', () => {
    expect(problems({ reason: '本人申请删除 (2026-11-28, 申请编号 17)' })).toEqual([]);
    expect(problems({ reason: ' ' })).toEqual(['reason: must say why (the request and its reference)']);
    expect(problems({ reason: 'x'.repeat(501) })).toEqual(['reason: Too big: expected string to have <=500 characters']);
  });
});
