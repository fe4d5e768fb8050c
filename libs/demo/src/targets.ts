/**
 * The year's figures the demo must produce exactly, in the definitions: disputes whose
 * resolution is dated in the year, recoveries dated in the year, resolved disputes of 30 or more
 * workers, complaints handled or converted in the year, mediations that ended in the year, and the
 * amounts agreed in the year's agreements.
 */
export interface DemoTargets {
  disputesResolved: number;
  amountRecoveredFen: number;
  groupDisputesResolved: number;
  complaintsHandled: number;
  mediationsConcluded: number;
  /** The agreed amounts of the year's mediation agreements. */
  mediationAgreedFen: number;
}

/**
 * The federation's 2022 annual report: 677 disputes, 2116.67万元, 4 group disputes, 243
 * complaints, 1076 mediations with "1088万多元" (over 10,880,000 yuan). The demo adds a little to
 * the last, as the report's "多", so that the sentence shows 1088.xx万元.
 */
export const REPORT_2022: DemoTargets = {
  disputesResolved: 677,
  amountRecoveredFen: 2_116_670_000,
  groupDisputesResolved: 4,
  complaintsHandled: 243,
  mediationsConcluded: 1076,
  mediationAgreedFen: 1_088_000_000,
};

/** "1088万多元": whole yuan on top of 1088万, below half of a 万元 hundredth so that it never rounds up to 1089. */
export const MEDIATION_EXTRA_FEN = { min: 10_000, max: 490_000 } as const;

/** The report's figures scaled down (tests) or up; every count at least 1, amounts in whole yuan. */
export function scaledTargets(scale: number, base: DemoTargets = REPORT_2022): DemoTargets {
  if (!(scale > 0)) throw new RangeError(`scale must be positive: ${scale}`);
  if (scale === 1) return { ...base };
  const count = (n: number) => Math.max(1, Math.round(n * scale));
  const yuan = (fen: number) => Math.max(100, Math.round((fen * scale) / 100) * 100);
  return {
    disputesResolved: count(base.disputesResolved),
    amountRecoveredFen: yuan(base.amountRecoveredFen),
    groupDisputesResolved: count(base.groupDisputesResolved),
    complaintsHandled: count(base.complaintsHandled),
    mediationsConcluded: count(base.mediationsConcluded),
    mediationAgreedFen: yuan(base.mediationAgreedFen),
  };
}
