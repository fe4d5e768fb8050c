import { fenToWan, fenToYuan, yuanToFen } from './money';

describe('万元 with two decimals, half up from integer fen', () => {
  it('renders the 2022 annual report figures', () => {
    expect(fenToWan(2_116_670_000)).toBe('2116.67'); // 21,166,700 yuan
    expect(fenToWan(1_088_000_000)).toBe('1088.00'); // 10,880,000 yuan
    expect(fenToWan(0)).toBe('0.00');
  });

  it('rounds half up at exactly half a hundredth of 万元 (50 yuan), down below it', () => {
    expect(fenToWan(2_116_665_000)).toBe('2116.67'); // 2116.665 万元
    expect(fenToWan(2_116_664_999)).toBe('2116.66');
    expect(fenToWan(5_000)).toBe('0.01'); // 50 yuan
    expect(fenToWan(4_999)).toBe('0.00');
    expect(fenToWan(1)).toBe('0.00');
    expect(fenToWan(999_995_000)).toBe('1000.00'); // carries into the whole part
  });

  it('is exact where binary floating point is not', () => {
    // 1.005 万元 = 10,050 yuan: (1.005).toFixed(2) is "1.00" in floating point.
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(fenToWan(1_005_000)).toBe('1.01');
    // Beyond 2^53 fen only BigInt input stays exact.
    expect(fenToWan(123_456_789_012_345_678n)).toBe('123456789012.35');
  });

  it('rounds a negative amount as the negation of the positive one', () => {
    expect(fenToWan(-5_000)).toBe('-0.01');
    expect(fenToWan(-4_999)).toBe('0.00'); // never "-0.00"
  });

  it('refuses fractions of a fen', () => {
    expect(() => fenToWan(1.5)).toThrow(RangeError);
    expect(() => fenToWan(Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError);
  });
});

describe('yuan from fen and back', () => {
  it('is exact both ways', () => {
    expect(fenToYuan(2_116_670_000)).toBe('21166700.00');
    expect(fenToYuan(2_116_670_000, { grouped: true })).toBe('21,166,700.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(123_456)).toBe('1234.56');
    expect(yuanToFen('1234.56')).toBe(123_456);
    expect(yuanToFen('21,166,700.00')).toBe(2_116_670_000);
    expect(yuanToFen('0.5')).toBe(50);
    expect(yuanToFen('12')).toBe(1200);
    expect(() => yuanToFen('1.234')).toThrow(RangeError);
  });
});
