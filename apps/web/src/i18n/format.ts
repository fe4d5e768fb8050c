import type { Language } from './index';

const ZONE = 'Asia/Shanghai';

/** A moment in China time (the users' clock wherever the browser is): 2022-03-04 09:30. */
export function formatDateTime(language: Language, iso: string | Date | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/** Reports speak in 万元 with two decimals: 21166700_00 fen → "2116.67". */
export function formatWan(fen: number): string {
  return (Math.round(fen / 10_000) / 100).toFixed(2);
}

/** A case's amount: yuan with fen, grouped: 1234567 fen → "12,345.67". */
export function formatYuan(language: Language, fen: number): string {
  return new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 100);
}

/** Today's date in China time, YYYY-MM-DD. */
export function chinaToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
