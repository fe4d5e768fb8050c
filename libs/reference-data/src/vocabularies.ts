import en from './locales/en.json';
import zh from './locales/zh.json';

/*
 * The codes are the API's contract and the domain's types, so they are declared here as literal
 * tuples (usable as `z.enum(DISPUTE_CHANNELS)` and as TypeScript unions). Their labels live in the
 * locale files; loading this module fails if a code lacks a label or a label has no code.
 */

export const DISPUTE_CHANNELS = ['walk_in', 'hotline_12351', 'online_opinion', 'petition', 'informant_alert', 'referral'] as const;
export type DisputeChannel = (typeof DISPUTE_CHANNELS)[number];

export const DISPUTE_CATEGORIES = [
  'wage_arrears',
  'social_insurance',
  'work_injury',
  'termination_compensation',
  'working_hours',
  'labour_contract',
  'other',
] as const;
export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];

export const DISPUTE_OUTCOMES = ['agreement', 'withdrawn', 'referred_arbitration', 'referred_court', 'referred_inspection'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

export const DISPUTE_STEP_KINDS = ['contact', 'site_visit', 'negotiation_session', 'evidence_collected', 'note'] as const;
export type DisputeStepKind = (typeof DISPUTE_STEP_KINDS)[number];

export const COMPLAINT_SOURCES = ['hotline_12351', 'online_opinion', 'other'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

export const ALERT_SIGNALS = [
  'wage_delay',
  'social_insurance_unpaid',
  'relocation_planned',
  'shutdown_planned',
  'owner_unreachable',
  'layoffs',
  'collective_action_risk',
  'orders_collapse',
  'other',
] as const;
export type AlertSignal = (typeof ALERT_SIGNALS)[number];

/** Most severe first. */
export const ALERT_GRADES = ['red', 'yellow', 'green'] as const;
export type AlertGrade = (typeof ALERT_GRADES)[number];

export const MEDIATION_SESSION_FORMS = ['in_person', 'phone', 'video'] as const;
export type MediationSessionForm = (typeof MEDIATION_SESSION_FORMS)[number];

export const VOCABULARIES = {
  disputeChannels: DISPUTE_CHANNELS,
  disputeCategories: DISPUTE_CATEGORIES,
  disputeOutcomes: DISPUTE_OUTCOMES,
  disputeStepKinds: DISPUTE_STEP_KINDS,
  complaintSources: COMPLAINT_SOURCES,
  alertSignals: ALERT_SIGNALS,
  alertGrades: ALERT_GRADES,
  mediationSessionForms: MEDIATION_SESSION_FORMS,
} as const;
export type Vocabulary = keyof typeof VOCABULARIES;
export type CodeOf<V extends Vocabulary> = (typeof VOCABULARIES)[V][number];

/** Simplified Chinese is the users' language; English is secondary. */
export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Localized {
  zh: string;
  en: string;
}

type LocaleFile = Record<Vocabulary, Record<string, string>>;
const LOCALE_FILES: Record<Locale, LocaleFile> = { zh, en };

function checkLocaleFiles(): void {
  for (const locale of LOCALES) {
    const file = LOCALE_FILES[locale] as Partial<Record<string, Record<string, unknown>>>;
    for (const [vocabulary, codes] of Object.entries(VOCABULARIES)) {
      const labels = file[vocabulary] ?? {};
      const missing = codes.filter((code) => typeof labels[code] !== 'string' || (labels[code] as string).trim() === '');
      const stray = Object.keys(labels).filter((code) => !(codes as readonly string[]).includes(code));
      if (missing.length || stray.length) {
        throw new Error(
          `locales/${locale}.json ${vocabulary}: ${missing.length ? `no label for ${missing.join(', ')}` : ''}${missing.length && stray.length ? '; ' : ''}${stray.length ? `labels for unknown codes ${stray.join(', ')}` : ''}`,
        );
      }
    }
  }
}
checkLocaleFiles();

export function isCode<V extends Vocabulary>(vocabulary: V, value: unknown): value is CodeOf<V> {
  return typeof value === 'string' && (VOCABULARIES[vocabulary] as readonly string[]).includes(value);
}

/** label('disputeCategories', 'wage_arrears') → '欠薪'; with 'en' → 'Wage arrears'. */
export function label<V extends Vocabulary>(vocabulary: V, code: CodeOf<V>, locale: Locale = 'zh'): string {
  const text = LOCALE_FILES[locale][vocabulary][code];
  if (text === undefined) throw new RangeError(`${vocabulary} has no code ${JSON.stringify(code)}`);
  return text;
}

/** Both labels of a code. */
export function labelsOf<V extends Vocabulary>(vocabulary: V, code: CodeOf<V>): Localized {
  return { zh: label(vocabulary, code, 'zh'), en: label(vocabulary, code, 'en') };
}

/** Every code of a vocabulary with its labels, in display order (for pick lists and report headers). */
export function options<V extends Vocabulary>(vocabulary: V): Array<{ code: CodeOf<V> } & Localized> {
  return (VOCABULARIES[vocabulary] as readonly CodeOf<V>[]).map((code) => ({ code, ...labelsOf(vocabulary, code) }));
}
