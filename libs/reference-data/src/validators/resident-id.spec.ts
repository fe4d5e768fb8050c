import { isValidResidentId, maskResidentId, residentIdBirthDate, residentIdCheckChar, residentIdProblem } from './resident-id';

describe('resident ID number (GB 11643-1999)', () => {
  it('accepts the domain.md example, whose check character is X', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdBirthDate('11010519491231002X')).toBe('1949-12-31');
  });

  it('accepts generated numbers with digit check characters', () => {
    for (const first17 of ['44030719850615123', '44030320000229001', '36042119901001004']) {
      expect(isValidResidentId(first17 + residentIdCheckChar(first17))).toBe(true);
    }
  });

  it('refuses a wrong check character, without echoing the number', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false);
    const problem = residentIdProblem('110105194912310021');
    expect(problem).toMatch(/check character/);
    expect(problem).not.toContain('1101051949');
  });

  it('refuses birth dates that are not real dates, and impossible ones', () => {
    const withBirth = (yyyymmdd: string) => {
      const first17 = `440307${yyyymmdd}123`;
      return first17 + residentIdCheckChar(first17);
    };
    expect(isValidResidentId(withBirth('19900230'))).toBe(false);
    expect(residentIdProblem(withBirth('19901301'))).toMatch(/birth date/);
    expect(isValidResidentId(withBirth('20010229'))).toBe(false);
    expect(isValidResidentId(withBirth('20000229'))).toBe(true);
    expect(residentIdProblem(withBirth('18991231'))).toMatch(/before 1900/);
  });

  it('refuses wrong shapes, lower-case x and non-strings', () => {
    expect(residentIdProblem('11010519491231002')).toMatch(/18 characters/);
    expect(residentIdProblem('1101051949123100XX')).toMatch(/17 digits/);
    expect(isValidResidentId('11010519491231002x')).toBe(false);
    expect(isValidResidentId(11010519491231002)).toBe(false);
    const leadingZero = '01010519491231002';
    expect(residentIdProblem(leadingZero + residentIdCheckChar(leadingZero))).toMatch(/address code/);
    expect(() => residentIdCheckChar('1101051949123100X')).toThrow(RangeError);
  });

  it('masks all but the address code and the last four characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
    expect(maskResidentId('110105491231002')).toBe('110105*****1002');
    expect(maskResidentId('1234')).toBe('****');
  });
});
