/**
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
 * alphabet (no I, O, S, V, Z, which read as digits), the 18th a check character over the first 17.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character for 17 code characters; throws RangeError for anything else. */
export function creditCodeCheckChar(first17: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17)) {
    throw new RangeError(`not 17 characters of a Unified Social Credit Code: ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * Why a code is not a valid Unified Social Credit Code, in words a clerk can act on; undefined
 * when it is valid. Expects upper case (schemas upper-case input first).
 */
export function creditCodeProblem(code: string): string | undefined {
  if (code.length !== 18) return `must be 18 characters (it has ${code.length})`;
  if (!SHAPE.test(code)) return 'may contain only digits and the capital letters A-H, J-N, P, Q, R, T, U, W, X, Y';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return 'check character does not match: the code is mistyped (GB 32100-2015)';
  return undefined;
}

export function isValidCreditCode(code: unknown): code is string {
  return typeof code === 'string' && creditCodeProblem(code) === undefined;
}
