import { isMobilePhone, isValidPhone, maskPhone } from './phone';

describe('phone numbers', () => {
  it('accepts mainland mobiles, with or without +86', () => {
    for (const phone of ['13812345678', '19912345678', '+8613812345678', '86 13812345678']) expect(isValidPhone(phone)).toBe(true);
    expect(isMobilePhone('13812345678')).toBe(true);
    expect(isMobilePhone('0755-28881234')).toBe(false);
  });

  it('accepts landlines with an area code', () => {
    for (const phone of ['0755-28881234', '075528881234', '010-62345678', '0755-28881234-801']) expect(isValidPhone(phone)).toBe(true);
  });

  it('refuses the rest', () => {
    for (const phone of ['12812345678', '1381234567', '138123456789', '28881234', '0755-08881234', 'abc', '']) {
      expect(isValidPhone(phone)).toBe(false);
    }
    expect(isValidPhone(13812345678)).toBe(false);
  });

  it('masks the middle of a number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+8613812345678')).toBe('+86138****5678');
    expect(maskPhone('0755-28881234')).toBe('0755-****1234');
    expect(maskPhone('010-6234567')).toBe('010-***4567');
    expect(maskPhone('555 0100 99')).toBe('*** **00 99');
  });
});
