import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { zh, type MessageKey } from './zh';

export type Language = 'zh' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const MESSAGES: Record<Language, Record<MessageKey, string>> = { zh, en };
const STORAGE_KEY = 'lc.language';

export function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function translate(language: Language, key: MessageKey, values?: Record<string, string | number>): string {
  const text = MESSAGES[language][key] ?? key;
  return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : text;
}

/** A code from the API shown in the user's language (`subDistrict.pinghu` → 平湖), or the code itself. */
export function hasKey(key: string): key is MessageKey {
  return key in zh;
}

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
  /** The label of a code (signal, status, sub-district...): `label('signal', 'layoffs')`. */
  label(group: string, code: string | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  const setLanguage = useCallback((next: Language) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    setLanguageState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    document.title = translate(language, 'app.title');
  }, [language]);
  const value = useMemo<I18n>(() => {
    const t: Translate = (key, values) => translate(language, key, values);
    return {
      language,
      setLanguage,
      t,
      label: (group, code) => {
        if (!code) return '';
        const key = `${group}.${code}`;
        return hasKey(key) ? t(key) : code;
      },
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
