import { useMemo } from 'react';
import { deskEn } from '../../i18n/desk.en';
import { deskZh, type DeskMessageKey } from '../../i18n/desk.zh';
import type { RecordsMessageKey } from '../../i18n/records.zh';
import { useI18n, type MessageKey } from '../../i18n';

export type DeskKey = MessageKey | DeskMessageKey | RecordsMessageKey;
export type DeskTranslate = (key: DeskKey, values?: Record<string, string | number>) => string;

/** More strings a lazily loaded page brings with it (records.zh.ts / records.en.ts). */
export interface ExtraMessages {
  zh: Record<string, string>;
  en: Record<string, string>;
}

/**
 * The application's i18n plus the workspace's own strings (i18n/desk.zh.ts, desk.en.ts), which
 * load with this chunk rather than with the entry every informant's phone downloads, and those a
 * lazily loaded page passes in (`extra`: complaints and mediations bring records.*.ts). `baseT` is
 * the application's own, for the shared problem display.
 */
export function useDeskI18n(extra?: ExtraMessages) {
  const base = useI18n();
  return useMemo(() => {
    const messages: Record<string, string> = base.language === 'zh' ? { ...deskZh, ...extra?.zh } : { ...deskEn, ...extra?.en };
    const t: DeskTranslate = (key, values) => {
      if (!(key in messages)) return base.t(key as MessageKey, values);
      const text = messages[key];
      return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : text;
    };
    const label = (group: string, code: string | null | undefined): string => {
      if (!code) return '';
      const key = `${group}.${code}`;
      return key in messages ? messages[key] : base.label(group, code);
    };
    return { ...base, t, label, baseT: base.t };
  }, [base, extra]);
}
