import { Locale, LOCALES, PLACEHOLDER, placeholderNames, placeholderText } from '@lc/reference-data';
import en from '../locales/en.json';
import zh from '../locales/zh.json';

/*
 * The texts of reports (the annual sentence, the monthly report's headings) live in the locale
 * files, not in code: wording is the federation's to change. Both files must have the same keys,
 * and a template's placeholders must all be filled: checked when the module loads and when a
 * text is rendered, so a typo fails loudly instead of printing "{disputesResolved}".
 */

const FILES: Record<Locale, unknown> = { zh, en };

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  if (typeof value !== 'object' || value === null) throw new Error(`reporting locale: ${prefix} is neither text nor a group`);
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

function placeholders(template: string): string[] {
  return placeholderNames(template);
}

function checkLocaleFiles(): void {
  const reference = keysOf(FILES.zh).sort();
  for (const locale of LOCALES) {
    const keys = keysOf(FILES[locale]).sort();
    const missing = reference.filter((k) => !keys.includes(k));
    const stray = keys.filter((k) => !reference.includes(k));
    if (missing.length || stray.length) {
      throw new Error(`reporting locales/${locale}.json: missing ${missing.join(', ') || '-'}; not in zh.json: ${stray.join(', ') || '-'}`);
    }
  }
}
checkLocaleFiles();

/** The locale's text at a dotted key ('monthly.columns.opened'). */
export function text(locale: Locale, key: string): string {
  const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], FILES[locale]);
  if (typeof found !== 'string') throw new RangeError(`reporting locale ${locale} has no text ${key}`);
  return found;
}

/** Fills a template's {placeholders}; every placeholder must be given (values it does not use are ignored). */
export function fill(template: string, values: Record<string, string | number>): string {
  const wanted = placeholders(template);
  const given = Object.keys(values).sort();
  const missing = wanted.filter((k) => !given.includes(k));
  if (missing.length) throw new RangeError(`template needs ${missing.join(', ')}`);
  return template.replace(PLACEHOLDER, (_, name: string, one?: string, other?: string) => placeholderText(values[name], one, other));
}

export function render(locale: Locale, key: string, values: Record<string, string | number>): string {
  return fill(text(locale, key), values);
}

/** The placeholders of a template, for tests that check both locales offer the same. */
export function templatePlaceholders(locale: Locale, key: string): string[] {
  return placeholders(text(locale, key));
}


/**
 * The report language an Accept-Language header asks for: the supported language with the highest
 * q (zh and its variants zh-CN, zh-Hans...; en and en-GB...). Chinese, the users' language, when the
 * header is absent, malformed or names neither.
 */
export function negotiateLocale(header: string | undefined): Locale {
  if (!header) return 'zh';
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const primary = tag.trim().split('-')[0];
    const locale = (LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : undefined;
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? 'zh';
}
