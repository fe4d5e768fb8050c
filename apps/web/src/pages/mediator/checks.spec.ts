import { creditCodeMessage, phoneMessage, residentIdMessage, yuanToFen } from './checks';

const t = (key: string, values?: Record<string, string | number>) => (values ? `${key}:${JSON.stringify(values)}` : key);

describe('the open-case form checks, with the server rules', () => {
  it('accepts the credit codes of domain.md, lower case too, and says what is wrong with others', () => {
    expect(creditCodeMessage('91440300708461136T', t)).toBeUndefined();
    expect(creditCodeMessage(' 91440300708461136t ', t)).toBeUndefined();
    expect(creditCodeMessage('9144030070846113', t)).toBe('ws.check.creditCodeLength:{"length":16}');
    expect(creditCodeMessage('9144030070846113IT', t)).toBe('ws.check.creditCodeChars');
    expect(creditCodeMessage('91440300708461136U', t)).toBe('ws.check.creditCodeCheck');
  });

  it('checks resident ID numbers: length, shape, address, birth date, check character', () => {
    expect(residentIdMessage('11010519491231002X', t)).toBeUndefined();
    expect(residentIdMessage('11010519491231002x', t)).toBeUndefined();
    expect(residentIdMessage('1101051949123100', t)).toBe('ws.check.idLength:{"length":16}');
    expect(residentIdMessage('1101051949123100AX', t)).toBe('ws.check.idChars');
    expect(residentIdMessage('01010519491231002X', t)).toBe('ws.check.idAddress');
    expect(residentIdMessage('110105194913310028', t)).toBe('ws.check.idBirth');
    expect(residentIdMessage('110105194912310021', t)).toBe('ws.check.idCheck');
  });

  it('checks phones', () => {
    expect(phoneMessage('13812345678', t)).toBeUndefined();
    expect(phoneMessage('0755-28881234', t)).toBeUndefined();
    expect(phoneMessage('12812345678', t)).toBe('ws.check.phone');
  });

  it('turns yuan into fen exactly', () => {
    expect(yuanToFen('1,234.5')).toBe(123450);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('12')).toBe(1200);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen('1.234')).toBeUndefined();
    expect(yuanToFen('-3')).toBeUndefined();
    expect(yuanToFen('')).toBeUndefined();
  });
});
