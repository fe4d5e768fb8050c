import { useMemo } from 'react';
import { adminEn } from '../../i18n/admin.en';
import { adminZh, type AdminMessageKey } from '../../i18n/admin.zh';
import { useI18n, type MessageKey } from '../../i18n';

export type AdminKey = MessageKey | AdminMessageKey;
export type AdminTranslate = (key: AdminKey, values?: Record<string, string | number>) => string;

/**
 * The application's i18n plus the administration's own strings (i18n/admin.zh.ts, admin.en.ts).
 * Those load with this chunk, not with the entry every phone downloads: an informant's page has
 * a JavaScript budget, and it never shows an administration string.
 */
export function useAdminI18n() {
  const base = useI18n();
  return useMemo(() => {
    const messages: Record<AdminMessageKey, string> = base.language === 'zh' ? adminZh : adminEn;
    const t: AdminTranslate = (key, values) => {
      if (!(key in messages)) return base.t(key as MessageKey, values);
      const text = messages[key as AdminMessageKey];
      return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : text;
    };
    return { ...base, t, baseT: base.t };
  }, [base]);
}
