/*
 * Amounts on documents are written twice: in figures (12,345.00) and in capital Chinese numerals
 * (人民币壹万贰仟叁佰肆拾伍元整), the way banks and courts require, so that no one can alter them.
 * The rules (《支付结算办法》 and its appendix on writing amounts):
 * - digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟 within a group of four, 万 and 亿 between groups;
 *   壹拾 is written in full (壹拾万, never 拾万);
 * - zeros between non-zero digits are one 零, however many (1,005 → 壹仟零伍); a group that is
 *   all zeros is a 零 too when something follows (100,000,500 → 壹亿零伍佰);
 * - nothing after the yuan: 整 after 元; with jiao and no fen, 整 after 角 as well; with fen, no 整;
 *   no jiao but fen: 零 between them (1.05 → 壹元零伍分);
 * - below one yuan the yuan are left out (0.50 → 伍角整); zero is 零元整.
 */

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const UNITS = ['', '拾', '佰', '仟'];
/** Above 亿 the groups go 万亿 (10^12): beyond any amount the system accepts, but correct anyway. */
const GROUP_UNITS = ['', '万', '亿', '万亿'];

/** The integer yuan in capital numerals, without 元 ('零' for 0). */
export function capitalYuan(yuan: number): string {
  if (!Number.isSafeInteger(yuan) || yuan < 0) throw new RangeError(`not a whole, non-negative number of yuan: ${yuan}`);
  if (yuan === 0) return DIGITS[0];
  const groups: number[] = [];
  for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  if (groups.length > GROUP_UNITS.length) throw new RangeError(`too large: ${yuan}`);

  let text = '';
  // A zero seen since the last digit written, to be written as one 零 before the next non-zero digit.
  let zeroPending = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g];
    if (group === 0) {
      zeroPending = text !== '';
      continue;
    }
    for (let p = 3; p >= 0; p--) {
      const digit = Math.floor(group / 10 ** p) % 10;
      if (digit === 0) {
        // Leading zeros of the first group are not written; any other zero may need a 零.
        if (text !== '') zeroPending = true;
        continue;
      }
      if (zeroPending) text += DIGITS[0];
      zeroPending = false;
      text += DIGITS[digit] + UNITS[p];
    }
    text += GROUP_UNITS[g];
    // Zeros at the end of a group are covered by its unit (壹仟万壹仟, not 壹仟万零壹仟); only the
    // next group's own leading zeros, or a whole group of zeros, call for a 零.
    zeroPending = false;
  }
  return text;
}

/** An amount in fen as on a document: 人民币壹万贰仟叁佰肆拾伍元整. */
export function capitalAmount(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not a whole, non-negative number of fen: ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let text = '人民币';
  if (yuan > 0 || fen === 0) text += `${capitalYuan(yuan)}元`;
  if (jiao === 0 && cents === 0) return `${text}整`;
  if (jiao > 0) text += `${DIGITS[jiao]}角`;
  else if (yuan > 0) text += DIGITS[0];
  if (cents === 0) return `${text}整`;
  return `${text}${DIGITS[cents]}分`;
}

/** An amount in fen in figures, with thousands separators: 12,345.00. */
export function figuresAmount(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not a whole, non-negative number of fen: ${fen}`);
  const yuan = Math.floor(fen / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${yuan}.${String(fen % 100).padStart(2, '0')}`;
}
