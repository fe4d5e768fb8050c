import { useMemo } from 'react';
import { dashboardEn } from '../../i18n/dashboard-en';
import { dashboardZh, type DashboardMessageKey } from '../../i18n/dashboard-zh';
import { useI18n, type MessageKey } from '../../i18n';

export type DashboardKey = MessageKey | DashboardMessageKey;
export type DashboardTranslate = (key: DashboardKey, values?: Record<string, string | number>) => string;

/**
 * The application's i18n plus the dashboard's own strings (i18n/dashboard-zh.ts, dashboard-en.ts),
 * which load with this chunk: the informant's phone entry has a JavaScript budget and never shows them.
 */
export function useDashboardI18n() {
  const base = useI18n();
  return useMemo(() => {
    const messages: Record<DashboardMessageKey, string> = base.language === 'zh' ? dashboardZh : dashboardEn;
    const t: DashboardTranslate = (key, values) => {
      if (!(key in messages)) return base.t(key as MessageKey, values);
      const text = messages[key as DashboardMessageKey];
      return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : text;
    };
    return { ...base, t, baseT: base.t };
  }, [base]);
}
