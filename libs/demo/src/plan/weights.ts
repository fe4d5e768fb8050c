import { AlertSignal, DisputeCategory, DisputeChannel, DisputeOutcome } from '@lc/reference-data';

/** Larger sub-districts see more disputes; every one sees some. */
export const SUB_DISTRICT_WEIGHTS: Record<string, number> = {
  pinghu: 14,
  bantian: 13,
  buji: 13,
  nanwan: 8,
  jihua: 8,
  henggang: 10,
  yuanshan: 6,
  longcheng: 9,
  longgang: 9,
  baolong: 7,
  pingdi: 5,
};

export const CATEGORY_WEIGHTS: Array<[DisputeCategory, number]> = [
  ['wage_arrears', 56],
  ['termination_compensation', 15],
  ['social_insurance', 7],
  ['work_injury', 8],
  ['labour_contract', 6],
  ['working_hours', 5],
  ['other', 3],
];

export const CHANNEL_WEIGHTS: Array<[DisputeChannel, number]> = [
  ['walk_in', 50],
  ['referral', 17],
  ['petition', 9],
  ['hotline_12351', 14],
  ['online_opinion', 6],
  // Cases from informants' alerts are opened by converting the alert (预警转案), planned apart.
  ['informant_alert', 0],
];

/** What an informant would have seen before a case of each category. */
export const SIGNALS_FOR_CATEGORY: Record<DisputeCategory, AlertSignal[]> = {
  wage_arrears: ['wage_delay'],
  termination_compensation: ['layoffs', 'relocation_planned', 'shutdown_planned'],
  social_insurance: ['social_insurance_unpaid'],
  work_injury: ['other'],
  working_hours: ['other'],
  labour_contract: ['other'],
  other: ['other'],
};

export const SIGNAL_WEIGHTS: Array<[AlertSignal, number]> = [
  ['wage_delay', 35],
  ['social_insurance_unpaid', 12],
  ['orders_collapse', 12],
  ['layoffs', 10],
  ['relocation_planned', 8],
  ['shutdown_planned', 7],
  ['collective_action_risk', 7],
  ['owner_unreachable', 4],
  ['other', 5],
];

export const OUTCOME_WEIGHTS: Array<[DisputeOutcome, number]> = [
  ['agreement', 80],
  ['referred_arbitration', 9],
  ['referred_inspection', 5],
  ['withdrawn', 4],
  ['referred_court', 2],
];
