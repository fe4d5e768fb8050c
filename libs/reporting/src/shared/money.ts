/*
 * Money is integer fen everywhere; reports speak 万元 (10,000 yuan = 1,000,000 fen) with two
 * decimals, rounded half up. The arithmetic is on BigInt so that no amount ever passes through a
 * binary fraction: 2116.665 万元 must become 2116.67, which floating point cannot promise.
 */

const FEN_PER_HUNDREDTH_WAN = 10_000n; // 0.01 万元 = 100 yuan = 10,000 fen

function toBigInt(fen: number | bigint): bigint {
  if (typeof fen === 'bigint') return fen;
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
  return BigInt(fen);
}

/** Splits a non-negative amount in hundredths into "int.frac" with grouping optional. */
function decimal(hundredths: bigint, grouped: boolean): string {
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  const whole = (abs / 100n).toString();
  const frac = (abs % 100n).toString().padStart(2, '0');
  const shown = grouped ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  return `${negative ? '-' : ''}${shown}.${frac}`;
}

/**
 * Fen as 万元 with two decimals, half up (a negative amount, which no report has, rounds half away
 * from zero so that -x shows as the negation of x). 2_116_670_000 → "2116.67"; 1_088_000_000 → "1088.00".
 */
export function fenToWan(fen: number | bigint): string {
  const value = toBigInt(fen);
  const abs = value < 0n ? -value : value;
  const hundredths = (abs + FEN_PER_HUNDREDTH_WAN / 2n) / FEN_PER_HUNDREDTH_WAN;
  return decimal(value < 0n ? -hundredths : hundredths, false);
}

/** Fen as yuan with two decimals, exact: 2_116_670_000 → "21166700.00" ("21,166,700.00" grouped). */
export function fenToYuan(fen: number | bigint, options: { grouped?: boolean } = {}): string {
  return decimal(toBigInt(fen), options.grouped ?? false);
}

/** "1234.56" (or "1,234.56", "-0.5", "12") back to fen, exactly; for reading reports back. */
export function yuanToFen(yuan: string): number {
  const match = /^(-?)([\d,]+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!match) throw new RangeError(`not an amount in yuan: ${JSON.stringify(yuan)}`);
  const fen = BigInt(match[2].replace(/,/g, '')) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return Number(match[1] ? -fen : fen);
}
