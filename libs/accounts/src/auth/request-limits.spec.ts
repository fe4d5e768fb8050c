import { nestsDeeperThan } from './request-limits';

describe('nestsDeeperThan', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(nestsDeeperThan('{"username":"a","password":"b"}', 1)).toBe(false);
    expect(nestsDeeperThan('{"a":{"b":[1]}}', 2)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(nestsDeeperThan('{"p":"[[[[{{{{"}', 1)).toBe(false);
    expect(nestsDeeperThan('{"p":"\\"[[[[{{{{"}', 1)).toBe(false);
  });

  it('walks a hundred thousand levels without recursion', () => {
    expect(nestsDeeperThan('['.repeat(100_000) + ']'.repeat(100_000), 4)).toBe(true);
  });
});
