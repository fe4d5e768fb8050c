/*
 * Credit codes, ID numbers and phones checked as they are typed, with the server's own rules:
 * the validators of libs/reference-data are bundled as they are (pure functions; '@lc/decider'
 * resolves to its calendar module in vite.config.mts and tsconfig.json), so the page and the API
 * cannot disagree. Only the words are the page's: the server's English reasons become locale keys.
 */
import { creditCodeProblem } from '../../../../../libs/reference-data/src/validators/credit-code';
import { isValidPhone } from '../../../../../libs/reference-data/src/validators/phone';
import { residentIdProblem } from '../../../../../libs/reference-data/src/validators/resident-id';
import type { Translate } from '../../i18n';

/** Schemas upper-case and trim first; so does the page. */
export const normalizeCode = (value: string): string => value.trim().toUpperCase();

export function creditCodeMessage(value: string, t: Translate): string | undefined {
  const code = normalizeCode(value);
  const problem = creditCodeProblem(code);
  if (!problem) return undefined;
  if (problem.startsWith('must be 18')) return t('ws.check.creditCodeLength', { length: code.length });
  if (problem.startsWith('may contain only')) return t('ws.check.creditCodeChars');
  return t('ws.check.creditCodeCheck');
}

export function residentIdMessage(value: string, t: Translate): string | undefined {
  const id = normalizeCode(value);
  const problem = residentIdProblem(id);
  if (!problem) return undefined;
  if (problem.startsWith('must be 18')) return t('ws.check.idLength', { length: id.length });
  if (problem.startsWith('must be 17 digits')) return t('ws.check.idChars');
  if (problem.startsWith('address code')) return t('ws.check.idAddress');
  if (problem.startsWith('birth date')) return t('ws.check.idBirth');
  return t('ws.check.idCheck');
}

export function phoneMessage(value: string, t: Translate): string | undefined {
  return isValidPhone(value.trim()) ? undefined : t('ws.check.phone');
}

/** "1,234.5" / "1234.56" yuan → fen, exactly (no floating point); undefined when it is no amount. */
export function yuanToFen(text: string | number | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  const clean = String(text).replace(/[,，\s]/g, '');
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(clean);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
