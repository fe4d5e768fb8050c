import { prefersEnglish } from './erased-text.interceptor';

describe('prefersEnglish', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['en', true],
    ['en-GB,en;q=0.9', true],
    ['zh-CN,zh;q=0.9,en;q=0.8', false],
    ['en;q=0.5,zh;q=0.9', false],
    ['zh;q=0.5,en;q=0.9', true],
    ['fr', false],
    ['en;q=0', false],
  ])('%s → %s', (header, expected) => {
    expect(prefersEnglish(header)).toBe(expected);
  });
});
