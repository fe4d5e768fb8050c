import { creditCodeCheckChar, creditCodeProblem, isValidCreditCode } from './credit-code';

describe('Unified Social Credit Code (GB 32100-2015)', () => {
  it.each(['91440300708461136T', '91350200776049653A'])('accepts %s from domain.md', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
    expect(creditCodeProblem(code)).toBeUndefined();
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('refuses a wrong check character and a one-character typo', () => {
    expect(isValidCreditCode('91440300708461136U')).toBe(false);
    expect(isValidCreditCode('91440300708461163T')).toBe(false);
    expect(creditCodeProblem('91440300708461136U')).toMatch(/check character/);
  });

  it('refuses wrong lengths, letters outside the alphabet, lower case and non-strings', () => {
    expect(creditCodeProblem('9144030070846113')).toMatch(/18 characters/);
    expect(creditCodeProblem('91440300708461136TT')).toMatch(/18 characters/);
    expect(creditCodeProblem('9144030070846113IT')).toMatch(/may contain only/);
    expect(creditCodeProblem('9144030070846113OT')).toMatch(/may contain only/);
    expect(isValidCreditCode('91440300708461136t')).toBe(false);
    expect(isValidCreditCode(91440300708461136)).toBe(false);
    expect(isValidCreditCode(undefined)).toBe(false);
  });

  it('maps a remainder of 0 to the check character 0 (31 → 0)', () => {
    // Search a prefix whose weighted sum is a multiple of 31: its check character must be '0'.
    const base = '9144030070846113';
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const prefix = [...alphabet].map((c) => base + c).find((p) => creditCodeCheckChar(p) === '0');
    expect(prefix).toBeDefined();
    expect(isValidCreditCode(`${prefix}0`)).toBe(true);
  });

  it('generates codes that validate (for demo data)', () => {
    for (const first17 of ['91440300MA5D0000X', '52440307MJL000001', '12440300455755001']) {
      const code = first17 + creditCodeCheckChar(first17);
      expect(isValidCreditCode(code)).toBe(true);
    }
    expect(() => creditCodeCheckChar('9144030070846113')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('9144030070846113I')).toThrow(RangeError);
  });
});
