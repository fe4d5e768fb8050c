import { alertStreamId, assessRisk, DEFAULT_RISK_WEIGHTS, informantStreamId } from '@lc/alerts';
import { addDays, daysBetween, startOfShanghaiDay } from '@lc/decider';
import { complaintStreamId, disputeStreamId } from '@lc/disputes';
import { mediationStreamId } from '@lc/mediations';
import {
  ALERT_SIGNALS,
  AlertGrade,
  AlertSignal,
  DisputeCategory,
  DisputeChannel,
  DisputeOutcome,
  DisputeStepKind,
  MediationSessionForm,
  district,
} from '@lc/reference-data';
import data from './data/zh.json';
import { Employer, Person, employers as makeEmployers, mobilePhone, person, personName } from './people';
import { Random } from './random';
import { DemoTargets, MEDIATION_EXTRA_FEN } from './targets';

/*
 * The demo year as data: who does what, on which day, for how much. Everything here is decided
 * by the seeded generator before a single command runs, so the same seed gives the same year, and
 * the totals are exact by construction (amounts are drawn, then scaled to the targets to the fen).
 * The runner (run.ts) turns each planned action into the command a user would send.
 */

// ---- Staff ---------------------------------------------------------------------------------------

export interface StaffPlan {
  key: string;
  username: string;
  displayName: string;
  role: 'mediator' | 'supervisor';
  /** null: the district supervisor. */
  subDistrict: string | null;
}

// ---- Records -------------------------------------------------------------------------------------

export interface StepPlan {
  kind: DisputeStepKind;
  note: string;
}

export interface DisputePlan {
  n: number;
  subDistrict: string;
  channel: DisputeChannel;
  category: DisputeCategory;
  employer: Employer;
  workersInvolved: number;
  amountClaimedFen: number;
  summary: string;
  claimants: Person[];
  openedOn: string;
  opener: string;
  supervisor: string;
  mediator: string;
  /** Set while the demo runs. */
  id?: string;
  fromComplaint?: ComplaintPlan;
  fromAlert?: AlertPlan;
  resolution?: { outcome: DisputeOutcome; resolvedOn: string; note: string };
  /** Recovered in the year: the fen of every installment. */
  recoveredFen: number;
  group: boolean;
}

export interface ComplaintPlan {
  n: number;
  source: 'hotline_12351' | 'online_opinion' | 'other';
  workOrderNo?: string;
  subDistrict: string;
  employer?: { name: string; creditCode?: string };
  summary: string;
  handler: string;
  handled?: { handledOn: string; note: string };
  convertedInto?: DisputePlan;
  id?: string;
}

/** An early-warning informant (劳资纠纷预警信息员): an account of role informant and a registry entry. */
export interface InformantPlan {
  key: string;
  username: string;
  name: string;
  phone: string;
  subDistrict: string;
  /** Credit codes of the enterprises they cover. */
  enterprises: string[];
  /** The supervisor who registers them. */
  registrar: string;
  alerts: AlertPlan[];
  /** Their account's id, once registered. */
  id?: string;
}

export interface AlertPlan {
  n: number;
  informant: InformantPlan;
  enterprise: Employer;
  subDistrict: string;
  signals: AlertSignal[];
  workersAffected: number;
  description: string;
  location?: string;
  /** The grade the district's default weights give it, for planning its pick-up. */
  grade: AlertGrade;
  /** The mediator on duty who picks it up. */
  handler: string;
  convertedInto?: DisputePlan;
  id?: string;
}

export interface MediationPlan {
  n: number;
  courtCaseNo: string;
  referredOn: string;
  subDistrict: string;
  category: DisputeCategory;
  employer: Employer;
  workers: Person[];
  claimAmountFen: number;
  recorder: string;
  supervisor: string;
  mediator: string;
  ending?:
    | { type: 'agreement'; on: string; amountFen: number; paymentTerms: string }
    | { type: 'failure'; on: string; reason: string }
    | { type: 'withdrawal'; on: string; reason: string };
  id?: string;
}

/** One thing a user does, at an instant of the year. */
export type PlannedAction =
  | { type: 'openDispute'; dispute: DisputePlan }
  | { type: 'receiveComplaint'; complaint: ComplaintPlan }
  | { type: 'convertComplaint'; complaint: ComplaintPlan; dispute: DisputePlan }
  | { type: 'handleComplaint'; complaint: ComplaintPlan }
  | { type: 'assignDispute'; dispute: DisputePlan }
  | { type: 'logStep'; dispute: DisputePlan; step: StepPlan; index: number }
  | { type: 'changeWorkers'; dispute: DisputePlan; workersInvolved: number; reason: string }
  | { type: 'recordRecovery'; dispute: DisputePlan; amountFen: number; recoveredOn: string; note: string; index: number }
  | { type: 'resolveDispute'; dispute: DisputePlan; outcome: DisputeOutcome; resolvedOn: string; note: string; round: number }
  | { type: 'reopenDispute'; dispute: DisputePlan; reason: string }
  | { type: 'referMediation'; mediation: MediationPlan }
  | { type: 'assignMediation'; mediation: MediationPlan }
  | { type: 'holdSession'; mediation: MediationPlan; heldOn: string; form: MediationSessionForm; note: string; index: number }
  | { type: 'extendMediation'; mediation: MediationPlan; extraDays: number; agreedOn: string; note: string }
  | { type: 'endMediation'; mediation: MediationPlan }
  | { type: 'judicialConfirmation'; mediation: MediationPlan; status: 'applied' | 'granted' | 'refused'; on: string }
  | { type: 'registerInformant'; informant: InformantPlan }
  | { type: 'submitAlert'; alert: AlertPlan; observedAt: number }
  | { type: 'triageAlert'; alert: AlertPlan; step: 'acknowledge' | 'verify' | 'escalate' | 'dismiss'; text?: string }
  | { type: 'convertAlert'; alert: AlertPlan; dispute: DisputePlan };

export type TimedAction = PlannedAction & { at: number; seq: number; actor: string };

export interface DemoPlan {
  year: number;
  seed: number;
  /** The figures the year will produce (mediationAgreedFen with the seed's "多"). */
  targets: DemoTargets;
  staff: StaffPlan[];
  disputes: DisputePlan[];
  complaints: ComplaintPlan[];
  mediations: MediationPlan[];
  informants: InformantPlan[];
  alerts: AlertPlan[];
  /** In the order they run: by instant. */
  actions: TimedAction[];
}

export interface PlanOptions {
  year: number;
  seed: number;
  targets: DemoTargets;
}

// ---- Calendar ------------------------------------------------------------------------------------

const MINUTE = 60_000;

/** How busy each month is: wage disputes peak before the Spring Festival and at year end. */
const MONTH_WEIGHTS = [1.35, 0.75, 0.95, 0.9, 1, 1, 1, 1, 1, 0.95, 1.05, 1.2];

/** Larger sub-districts see more disputes; every one sees some. */
const SUB_DISTRICT_WEIGHTS: Record<string, number> = {
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

const CATEGORY_WEIGHTS: Array<[DisputeCategory, number]> = [
  ['wage_arrears', 56],
  ['termination_compensation', 15],
  ['social_insurance', 7],
  ['work_injury', 8],
  ['labour_contract', 6],
  ['working_hours', 5],
  ['other', 3],
];

const CHANNEL_WEIGHTS: Array<[DisputeChannel, number]> = [
  ['walk_in', 50],
  ['referral', 17],
  ['petition', 9],
  ['hotline_12351', 14],
  ['online_opinion', 6],
  // Cases from informants' alerts are opened by converting the alert (预警转案), planned apart.
  ['informant_alert', 0],
];

/** What an informant would have seen before a case of each category. */
const SIGNALS_FOR_CATEGORY: Record<DisputeCategory, AlertSignal[]> = {
  wage_arrears: ['wage_delay'],
  termination_compensation: ['layoffs', 'relocation_planned', 'shutdown_planned'],
  social_insurance: ['social_insurance_unpaid'],
  work_injury: ['other'],
  working_hours: ['other'],
  labour_contract: ['other'],
  other: ['other'],
};

const SIGNAL_WEIGHTS: Array<[AlertSignal, number]> = [
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

const OUTCOME_WEIGHTS: Array<[DisputeOutcome, number]> = [
  ['agreement', 80],
  ['referred_arbitration', 9],
  ['referred_inspection', 5],
  ['withdrawn', 4],
  ['referred_court', 2],
];

class Calendar {
  readonly first: string;
  readonly days: number;
  private readonly weights: number[];

  constructor(readonly year: number) {
    this.first = `${year}-01-01`;
    this.days = daysBetween(this.first, `${year + 1}-01-01`);
    this.weights = Array.from({ length: this.days }, (_, i) => {
      const date = this.date(i);
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      const weekend = weekday === 0 || weekday === 6 ? 0.2 : 1;
      return MONTH_WEIGHTS[Number(date.slice(5, 7)) - 1] * weekend;
    });
  }

  get last(): number {
    return this.days - 1;
  }

  date(day: number): string {
    return addDays(this.first, day);
  }

  /** A busy-weighted day in [from, to]. */
  pick(random: Random, from: number, to: number): number {
    const lo = Math.max(0, from);
    const hi = Math.min(this.last, to);
    if (hi <= lo) return lo;
    const entries: Array<[number, number]> = [];
    for (let d = lo; d <= hi; d++) entries.push([d, this.weights[d]]);
    return random.weighted(entries);
  }

  /** An instant on a day, minutes after midnight in Shanghai. */
  at(day: number, minutes: number): number {
    return startOfShanghaiDay(this.date(day)).getTime() + minutes * MINUTE;
  }
}

/**
 * The actions of one record in their logical order, each on its day. Times are given in order:
 * the first action of a day in the morning, each next one a little later, so that a record's
 * actions never run out of order and none is later than the clock allows.
 */
class Timeline {
  private readonly items: Array<{ day: number; action: PlannedAction; actor: string; earliest?: number }> = [];
  constructor(private readonly random: Random) {}

  add(day: number, actor: string, action: PlannedAction, earliestMinutes?: number): void {
    this.items.push({ day, action, actor, earliest: earliestMinutes });
  }

  timed(calendar: Calendar, seq: () => number): TimedAction[] {
    let previousDay = -1;
    let minutes = 0;
    return this.items.map(({ day, action, actor, earliest }) => {
      if (day < previousDay) throw new Error(`a record's actions go back in time: ${action.type} on day ${day} after day ${previousDay}`);
      if (day !== previousDay) minutes = earliest ?? this.random.int(8 * 60 + 30, 11 * 60);
      else minutes += this.random.int(5, 40);
      previousDay = day;
      return { ...action, at: calendar.at(day, minutes), seq: seq(), actor };
    });
  }
}

// ---- Amounts -------------------------------------------------------------------------------------

/** An unscaled amount in yuan for a case of this category and size; only proportions matter. */
function rawAmount(random: Random, category: DisputeCategory, workers: number): number {
  const wage = random.int(4200, 9500);
  switch (category) {
    case 'wage_arrears':
      return workers * wage * (0.5 + random.next() * 2.5);
    case 'termination_compensation':
      return workers * wage * random.int(1, 8);
    case 'labour_contract':
      return workers * wage * random.int(1, 11) * 0.6;
    case 'work_injury':
      return workers * random.logNormal(60_000, 0.7);
    case 'social_insurance':
      return workers * random.int(5_000, 30_000);
    case 'working_hours':
      return workers * random.int(2_000, 12_000);
    case 'other':
      return workers * random.int(1_000, 8_000);
  }
}

/**
 * Amounts in whole yuan (fen multiples of 100) proportional to the raw ones, summing exactly to
 * the target: each is rounded, and what rounding lost or gained goes to the largest.
 */
export function scaleToTotal(raw: number[], totalFen: number): number[] {
  if (raw.length === 0) {
    if (totalFen !== 0) throw new Error(`nothing to carry ${totalFen} fen`);
    return [];
  }
  if (totalFen % 100 !== 0) throw new Error(`the total must be whole yuan: ${totalFen}`);
  if (totalFen < raw.length * 100) throw new Error(`${totalFen} fen cannot be split into ${raw.length} amounts of at least 1 yuan`);
  const sum = raw.reduce((a, b) => a + b, 0);
  const scaled = raw.map((r) => Math.max(100, Math.round((r / sum) * (totalFen / 100)) * 100));
  let diff = totalFen - scaled.reduce((a, b) => a + b, 0);
  const byLargest = scaled.map((_, i) => i).sort((a, b) => scaled[b] - scaled[a]);
  for (let k = 0; diff !== 0; k = (k + 1) % byLargest.length) {
    const i = byLargest[k];
    // Large amounts take the whole correction; a negative one never takes an amount below 1 yuan.
    const step = diff > 0 ? diff : -Math.min(-diff, scaled[i] - 100);
    scaled[i] += step;
    diff -= step;
  }
  return scaled;
}

/** Whole-yuan installments of an amount: most paid at once, some in two or three parts. */
function installments(random: Random, amountFen: number): number[] {
  const parts = amountFen < 200_000 ? 1 : random.weighted([[1, 65], [2, 25], [3, 10]] as Array<[number, number]>);
  if (parts === 1) return [amountFen];
  const yuan = amountFen / 100;
  const result: number[] = [];
  let left = yuan;
  for (let i = 0; i < parts - 1; i++) {
    const share = Math.max(1, Math.floor(left * (0.3 + random.next() * 0.4)));
    result.push(share * 100);
    left -= share;
  }
  result.push(left * 100);
  return result.filter((f) => f > 0);
}

// ---- Text ----------------------------------------------------------------------------------------

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** 36,000 (yuan), as summaries quote sums. */
const yuanText = (fen: number) => Math.round(fen / 100).toLocaleString('en-US');

// ---- The plan ------------------------------------------------------------------------------------

export function planDemoYear({ year, seed, targets: base }: PlanOptions): DemoPlan {
  const root = new Random(seed);
  const calendar = new Calendar(year);
  const subDistricts = district().subDistricts;
  const subWeights: Array<[string, number]> = subDistricts.map((s) => [s.code, SUB_DISTRICT_WEIGHTS[s.code] ?? 6]);
  const targets: DemoTargets = {
    ...base,
    // "1088万多元": a little over the round figure, the seed's own.
    mediationAgreedFen: base.mediationAgreedFen + root.fork('extra').int(MEDIATION_EXTRA_FEN.min / 100, MEDIATION_EXTRA_FEN.max / 100) * 100,
  };
  if (targets.groupDisputesResolved > targets.disputesResolved) throw new RangeError('more group disputes than disputes');

  // Staff: two or three mediators and a supervisor per sub-district, and the district's supervisor.
  const staffRandom = root.fork('staff');
  const staff: StaffPlan[] = [];
  const mediatorsOf = new Map<string, string[]>();
  for (const s of subDistricts) {
    const abbrev = s.caseNoAbbrev.toLowerCase();
    const count = (SUB_DISTRICT_WEIGHTS[s.code] ?? 6) >= 10 ? 3 : 2;
    const keys: string[] = [];
    for (let i = 1; i <= count; i++) {
      const key = `${abbrev}-mediator-${i}`;
      staff.push({ key, username: key, displayName: personName(staffRandom), role: 'mediator', subDistrict: s.code });
      keys.push(key);
    }
    mediatorsOf.set(s.code, keys);
    staff.push({ key: `${abbrev}-supervisor`, username: `${abbrev}-supervisor`, displayName: personName(staffRandom), role: 'supervisor', subDistrict: s.code });
  }
  staff.push({ key: 'district-supervisor', username: 'district-supervisor', displayName: personName(staffRandom), role: 'supervisor', subDistrict: null });
  const supervisorOf = (code: string) => `${subDistricts.find((s) => s.code === code)!.caseNoAbbrev.toLowerCase()}-supervisor`;

  const employerRandom = root.fork('employers');
  const employerPool = makeEmployers(employerRandom, Math.max(22, Math.round((targets.disputesResolved + targets.mediationsConcluded) * 0.3)));
  const employersIn = (code: string) => employerPool.filter((e) => e.subDistrict === code);
  /** Some employers come back again and again (the watch-list); most appear once or twice. */
  const pickEmployer = (random: Random, code: string): Employer => {
    const local = employersIn(code);
    return random.chance(0.25) ? local[random.int(0, Math.min(2, local.length - 1))] : random.pick(local);
  };
  /** The first record of each kind in each sub-district, then by weight: all 11 always appear. */
  const subDistrictFor = (random: Random, n: number) => (n < subDistricts.length ? subDistricts[n].code : random.weighted(subWeights));

  let sequence = 0;
  const seq = () => sequence++;
  const actions: TimedAction[] = [];

  // ---- Disputes ----
  const disputeRandom = root.fork('disputes');
  const nResolved = targets.disputesResolved;
  const nOpen = Math.max(1, Math.round(nResolved * 0.06));
  const nConverted = Math.min(Math.round(targets.complaintsHandled * 0.1), nResolved - targets.groupDisputesResolved);
  const disputes: DisputePlan[] = [];
  const timelines = new Map<DisputePlan, Timeline>();

  // Which resolved cases are group disputes, which came from complaints: spread over the list.
  const groupAt = new Set(disputeRandom.shuffle(Array.from({ length: nResolved }, (_, i) => i)).slice(0, targets.groupDisputesResolved));
  const convertible = Array.from({ length: nResolved }, (_, i) => i).filter((i) => !groupAt.has(i));
  const convertedAt = new Set(disputeRandom.shuffle(convertible).slice(0, nConverted));
  // Which came from informants' alerts (预警转案), a group dispute among them: an absconded owner often shows first in an alert.
  const alertCaseRandom = root.fork('alert-cases');
  const fromAlertAt = new Set(
    alertCaseRandom.shuffle(Array.from({ length: nResolved }, (_, i) => i).filter((i) => !convertedAt.has(i))).slice(0, Math.round(nResolved * 0.08)),
  );
  const alertCases: Array<{ dispute: DisputePlan; openDay: number; conversion: Extract<PlannedAction, { type: 'convertAlert' }> }> = [];

  const complaintRandom = root.fork('complaints');
  const complaints: ComplaintPlan[] = [];
  const complaintTimelines = new Map<ComplaintPlan, Timeline>();
  let workOrders = 0;
  const workOrderNo = (day: number) => `${data.workOrderPrefix}${calendar.date(day).replace(/-/g, '')}-${String(++workOrders).padStart(4, '0')}`;

  const newDispute = (random: Random, n: number, resolved: boolean, group: boolean, openDay: number, channel?: DisputeChannel): DisputePlan => {
    const subDistrict = subDistrictFor(random, n);
    const category: DisputeCategory = group ? random.pick(['wage_arrears', 'wage_arrears', 'termination_compensation'] as const) : random.weighted(CATEGORY_WEIGHTS);
    const workers = group
      ? random.int(32, 160)
      : category === 'work_injury'
        ? 1
        : random.weighted([[1, 45], [random.int(2, 5), 30], [random.int(6, 15), 18], [random.int(16, 29), 7]] as Array<[number, number]>);
    const employer = pickEmployer(random, subDistrict);
    const representatives = workers === 1 ? 1 : Math.min(workers, workers >= 10 ? random.int(2, 5) : random.int(1, 2));
    const mediators = mediatorsOf.get(subDistrict)!;
    const opener = random.pick(mediators);
    return {
      n,
      subDistrict,
      channel: channel ?? (group ? random.pick(['walk_in', 'petition', 'referral'] as const) : random.weighted(CHANNEL_WEIGHTS)),
      category,
      employer,
      workersInvolved: workers,
      amountClaimedFen: 0, // set with the amounts
      summary: '',
      claimants: Array.from({ length: representatives }, () => person(random, year)),
      openedOn: calendar.date(openDay),
      opener,
      supervisor: group ? 'district-supervisor' : supervisorOf(subDistrict),
      mediator: random.chance(0.7) ? opener : random.pick(mediators),
      recoveredFen: 0,
      group,
      resolution: resolved ? { outcome: group ? 'agreement' : random.weighted(OUTCOME_WEIGHTS), resolvedOn: '', note: '' } : undefined,
    };
  };

  // Resolved cases: a duration, then an opening day that leaves room for it within the year.
  const resolvedPlans: Array<{ dispute: DisputePlan; openDay: number; resolveDay: number }> = [];
  for (let i = 0; i < nResolved; i++) {
    const group = groupAt.has(i);
    const duration = group ? disputeRandom.int(6, 25) : Math.min(90, Math.max(1, Math.round(disputeRandom.logNormal(11, 0.75))));
    const openDay = calendar.pick(disputeRandom, 0, calendar.last - duration);
    const fromComplaint = convertedAt.has(i);
    const channel = fromComplaint
      ? disputeRandom.pick(['hotline_12351', 'hotline_12351', 'online_opinion'] as const)
      : fromAlertAt.has(i)
        ? 'informant_alert'
        : undefined;
    const dispute = newDispute(disputeRandom, disputes.length, true, group, openDay, channel);
    disputes.push(dispute);
    resolvedPlans.push({ dispute, openDay, resolveDay: openDay + duration });
  }
  // Open at the end of the year: mostly December's, a few long-running ones; one group dispute at full scale.
  const openPlans: Array<{ dispute: DisputePlan; openDay: number }> = [];
  for (let i = 0; i < nOpen; i++) {
    const group = i === 0 && targets.groupDisputesResolved >= 2;
    const openDay = group
      ? calendar.last - disputeRandom.int(2, 8)
      : disputeRandom.chance(0.8)
        ? calendar.pick(disputeRandom, calendar.last - 30, calendar.last)
        : calendar.pick(disputeRandom, calendar.last - 120, calendar.last - 31);
    const dispute = newDispute(disputeRandom, disputes.length, false, group, openDay);
    disputes.push(dispute);
    openPlans.push({ dispute, openDay });
  }

  // Amounts: recovered for every agreement, and a part already paid on some open cases.
  const amountRandom = root.fork('amounts');
  const payingOpen = openPlans.filter((p, i) => i > 0 && amountRandom.chance(0.35)).map((p) => p.dispute);
  const paying = [...resolvedPlans.filter((p) => p.dispute.resolution!.outcome === 'agreement').map((p) => p.dispute), ...payingOpen];
  const raw = new Map<DisputePlan, number>();
  for (const d of disputes) raw.set(d, rawAmount(amountRandom, d.category, d.workersInvolved) * (payingOpen.includes(d) ? 0.4 : 1));
  const recovered = scaleToTotal(paying.map((d) => raw.get(d)!), targets.amountRecoveredFen);
  paying.forEach((d, i) => (d.recoveredFen = recovered[i]));
  const factor = recovered.reduce((a, b) => a + b, 0) / paying.reduce((a, d) => a + raw.get(d)!, 0);
  for (const d of disputes) {
    // Workers claim more than they get: the recovered share of a claim is 55-100%.
    const basis = d.recoveredFen > 0 ? d.recoveredFen / (payingOpen.includes(d) ? 0.4 : 1) : raw.get(d)! * factor;
    d.amountClaimedFen = Math.max(100, Math.round(basis / (0.55 + amountRandom.next() * 0.45) / 100) * 100);
    const template = d.group ? amountRandom.pick(data.groupSummaries) : amountRandom.pick(data.summaries[d.category]);
    d.summary = fill(template, {
      workers: d.workersInvolved,
      employer: d.employer.name,
      months: amountRandom.int(1, 4),
      month: amountRandom.int(1, 12),
      amount: yuanText(d.amountClaimedFen),
    });
  }

  // Timelines of resolved cases: steps, recoveries, the resolution; a few reopened when an employer did not pay.
  const nReopened = Math.floor(nResolved / 200);
  let reopened = 0;
  for (const { dispute, openDay, resolveDay } of resolvedPlans) {
    const r = disputeRandom;
    const timeline = new Timeline(r);
    timelines.set(dispute, timeline);
    const resolution = dispute.resolution!;
    resolution.resolvedOn = calendar.date(resolveDay);
    resolution.note = r.pick(data.resolutionNotes[resolution.outcome]);

    if (dispute.fromComplaint === undefined && convertedAt.has(dispute.n)) {
      const receivedDay = Math.max(0, openDay - r.int(0, 3));
      const complaint: ComplaintPlan = {
        n: complaints.length,
        source: dispute.channel === 'online_opinion' ? 'online_opinion' : 'hotline_12351',
        subDistrict: dispute.subDistrict,
        employer: { name: dispute.employer.name, creditCode: dispute.employer.creditCode },
        summary: fill(r.pick(data.complaintSummaries[dispute.channel === 'online_opinion' ? 'online_opinion' : 'hotline_12351']), { employer: dispute.employer.name }),
        handler: dispute.opener,
        convertedInto: dispute,
      };
      if (complaint.source === 'hotline_12351') complaint.workOrderNo = workOrderNo(receivedDay);
      dispute.fromComplaint = complaint;
      complaints.push(complaint);
      const complaintTimeline = new Timeline(r);
      complaintTimeline.add(receivedDay, dispute.opener, { type: 'receiveComplaint', complaint });
      complaintTimelines.set(complaint, complaintTimeline);
      // The conversion opens the case: it belongs to the case's timeline, on its opening day.
      timeline.add(openDay, dispute.opener, { type: 'convertComplaint', complaint, dispute }, receivedDay === openDay ? 16 * 60 : undefined);
    } else if (fromAlertAt.has(dispute.n)) {
      // The alert is planned with the informants below; the conversion that opens the case is the
      // case's first action, late on its opening day, after the alert was picked up and checked.
      const conversion = { type: 'convertAlert' as const, alert: undefined as unknown as AlertPlan, dispute };
      alertCases.push({ dispute, openDay, conversion });
      timeline.add(openDay, dispute.opener, conversion, 16 * 60);
    } else {
      timeline.add(openDay, dispute.opener, { type: 'openDispute', dispute });
    }
    timeline.add(openDay, dispute.supervisor, { type: 'assignDispute', dispute });

    const steps = planSteps(r, dispute.group ? 6 : r.int(2, 5));
    const stepDays = steps.map((_, i) => (i === 0 ? openDay + (r.chance(0.6) ? 0 : Math.min(1, resolveDay - openDay)) : r.int(openDay, resolveDay))).sort((a, b) => a - b);
    // Payments before the resolution (at a negotiation) or on its day; the rest within the 30 days after.
    const parts = dispute.recoveredFen > 0 ? installments(amountRandom, dispute.recoveredFen) : [];
    const reopen = parts.length === 1 && nReopened > reopened && resolution.outcome === 'agreement' && !dispute.group && resolveDay + 30 < calendar.last && r.chance(0.2);
    const partDays = parts.map((_, i) => {
      if (i === 0) return r.chance(0.2) ? r.int(openDay, resolveDay) : resolveDay;
      return Math.min(calendar.last, resolveDay + r.int(3, 30));
    });

    const changeWorkers = !dispute.group && dispute.workersInvolved >= 3 && dispute.workersInvolved <= 25 && r.chance(0.03) && resolveDay > openDay;
    const events: Array<{ day: number; order: number; action: PlannedAction; actor: string }> = [];
    steps.forEach((step, index) => events.push({ day: stepDays[index], order: 1, action: { type: 'logStep', dispute, step, index }, actor: dispute.mediator }));
    if (changeWorkers) {
      const to = Math.min(29, dispute.workersInvolved + r.int(1, 3));
      events.push({ day: openDay + 1, order: 0, action: { type: 'changeWorkers', dispute, workersInvolved: to, reason: r.pick(data.workersChangeReasons) }, actor: dispute.mediator });
    }
    parts.forEach((amountFen, index) => {
      const day = partDays[index];
      events.push({
        day,
        order: day <= resolveDay ? 2 : 4,
        action: { type: 'recordRecovery', dispute, amountFen, recoveredOn: calendar.date(day), note: r.pick(data.recoveryNotes), index },
        actor: dispute.mediator,
      });
    });
    if (reopen) {
      // Agreed and resolved, but the employer paid nothing: reopened, paid, resolved again.
      reopened++;
      const reopenDay = resolveDay + r.int(10, 20);
      const payDay = reopenDay + r.int(1, 5);
      const only = events.findIndex((e) => e.action.type === 'recordRecovery');
      const payment = events[only].action as Extract<PlannedAction, { type: 'recordRecovery' }>;
      events[only] = { ...events[only], day: payDay, order: 6, action: { ...payment, recoveredOn: calendar.date(payDay) } };
      events.push({ day: resolveDay, order: 3, action: { type: 'resolveDispute', dispute, outcome: 'agreement', resolvedOn: resolution.resolvedOn, note: resolution.note, round: 1 }, actor: dispute.mediator });
      events.push({ day: reopenDay, order: 5, action: { type: 'reopenDispute', dispute, reason: r.pick(data.reopenReasons) }, actor: dispute.supervisor });
      resolution.resolvedOn = calendar.date(payDay);
      events.push({ day: payDay, order: 7, action: { type: 'resolveDispute', dispute, outcome: 'agreement', resolvedOn: resolution.resolvedOn, note: resolution.note, round: 2 }, actor: dispute.mediator });
    } else {
      events.push({ day: resolveDay, order: 3, action: { type: 'resolveDispute', dispute, outcome: resolution.outcome, resolvedOn: resolution.resolvedOn, note: resolution.note, round: 1 }, actor: dispute.mediator });
    }
    for (const e of events.sort((a, b) => a.day - b.day || a.order - b.order)) timeline.add(e.day, e.actor, e.action);
  }

  for (const { dispute, openDay } of openPlans) {
    const r = disputeRandom;
    const timeline = new Timeline(r);
    timelines.set(dispute, timeline);
    timeline.add(openDay, dispute.opener, { type: 'openDispute', dispute });
    timeline.add(openDay, dispute.supervisor, { type: 'assignDispute', dispute });
    const steps = planSteps(r, r.int(1, 3));
    const days = steps.map(() => r.int(openDay, calendar.last)).sort((a, b) => a - b);
    const events: Array<{ day: number; action: PlannedAction; order: number }> = steps.map((step, index) => ({ day: days[index], order: 1, action: { type: 'logStep', dispute, step, index } }));
    if (dispute.recoveredFen > 0) {
      const day = r.int(openDay, calendar.last);
      events.push({ day, order: 2, action: { type: 'recordRecovery', dispute, amountFen: dispute.recoveredFen, recoveredOn: calendar.date(day), note: r.pick(data.recoveryNotes), index: 0 } });
    }
    for (const e of events.sort((a, b) => a.day - b.day || a.order - b.order)) timeline.add(e.day, dispute.mediator, e.action);
  }

  // ---- Complaints handled without becoming cases, and a few still open at the year's end ----
  const nHandled = targets.complaintsHandled - complaints.length;
  const nLeftOpen = Math.max(1, Math.round(targets.complaintsHandled * 0.035));
  for (let i = 0; i < nHandled + nLeftOpen; i++) {
    const r = complaintRandom;
    const handled = i < nHandled;
    const source = r.weighted([['hotline_12351', 55], ['online_opinion', 40], ['other', 5]] as Array<[ComplaintPlan['source'], number]>);
    const wait = r.weighted([[0, 30], [r.int(1, 3), 50], [r.int(4, 10), 20]] as Array<[number, number]>);
    const receivedDay = handled ? calendar.pick(r, 0, calendar.last - wait) : calendar.pick(r, calendar.last - 4, calendar.last);
    const subDistrict = subDistrictFor(r, i);
    const named = source !== 'online_opinion' || r.chance(0.5);
    const employer = named ? pickEmployer(r, subDistrict) : undefined;
    const complaint: ComplaintPlan = {
      n: complaints.length,
      source,
      subDistrict,
      employer: employer && (source === 'hotline_12351' && r.chance(0.5) ? { name: employer.name, creditCode: employer.creditCode } : { name: employer.name }),
      summary: fill(r.pick(data.complaintSummaries[source]), { employer: employer?.name ?? '某公司' }),
      handler: r.pick(mediatorsOf.get(subDistrict)!),
      handled: handled ? { handledOn: calendar.date(receivedDay + wait), note: r.pick(data.complaintHandlingNotes) } : undefined,
    };
    if (source === 'hotline_12351') complaint.workOrderNo = workOrderNo(receivedDay);
    complaints.push(complaint);
    const timeline = new Timeline(r);
    // Online opinion is found at any hour; the hotline's work orders come in office hours.
    timeline.add(receivedDay, complaint.handler, { type: 'receiveComplaint', complaint }, source === 'online_opinion' ? r.int(0, 22 * 60) : undefined);
    if (complaint.handled) timeline.add(receivedDay + wait, complaint.handler, { type: 'handleComplaint', complaint });
    complaintTimelines.set(complaint, timeline);
  }

  // ---- Early-warning informants and their alerts ----
  const alertRandom = root.fork('alerts');
  const informants: InformantPlan[] = [];
  const informantsOf = new Map<string, InformantPlan[]>();
  const employerByCode = new Map(employerPool.map((e) => [e.creditCode, e]));
  const nInformants = Math.max(subDistricts.length, Math.round(nResolved * 0.25));
  for (let i = 0; i < nInformants; i++) {
    const subDistrict = subDistrictFor(alertRandom, i);
    const list = informantsOf.get(subDistrict) ?? [];
    const key = `${subDistricts.find((s) => s.code === subDistrict)!.caseNoAbbrev.toLowerCase()}-informant-${String(list.length + 1).padStart(2, '0')}`;
    const local = employersIn(subDistrict);
    const enterprises = [...new Set(Array.from({ length: alertRandom.int(2, 5) }, () => alertRandom.pick(local).creditCode))];
    const informant: InformantPlan = { key, username: key, name: personName(alertRandom), phone: mobilePhone(alertRandom), subDistrict, enterprises, registrar: supervisorOf(subDistrict), alerts: [] };
    list.push(informant);
    informantsOf.set(subDistrict, list);
    informants.push(informant);
  }
  /** The same few report again and again; about a third of a sub-district's informants report nothing all year. */
  const reporter = (random: Random, subDistrict: string): InformantPlan => {
    const list = informantsOf.get(subDistrict)!;
    const reporting = list.slice(0, Math.max(1, Math.ceil(list.length * 0.7)));
    return random.weighted(reporting.map((informant, i) => [informant, 1 / (i + 1)] as [InformantPlan, number]));
  };
  const gradeOf = (signals: AlertSignal[], workers: number) =>
    assessRisk(ALERT_SIGNALS.filter((code) => signals.includes(code)), workers, DEFAULT_RISK_WEIGHTS).grade;
  const alerts: AlertPlan[] = [];
  const newAlert = (random: Random, informant: InformantPlan, enterprise: Employer, signals: AlertSignal[], workers: number): AlertPlan => {
    const alert: AlertPlan = {
      n: alerts.length,
      informant,
      enterprise,
      subDistrict: informant.subDistrict,
      signals,
      workersAffected: workers,
      description: random.pick(data.alertDescriptions[signals[0]]),
      location: random.chance(0.3) ? random.pick(data.alertLocations) : undefined,
      grade: gradeOf(signals, workers),
      handler: random.pick(mediatorsOf.get(informant.subDistrict)!),
    };
    informant.alerts.push(alert);
    if (!informant.enterprises.includes(enterprise.creditCode)) informant.enterprises.push(enterprise.creditCode);
    alerts.push(alert);
    return alert;
  };
  const yearEnd = calendar.at(calendar.last + 1, 0);
  /**
   * An alert's life as instants: submitted from a phone at any hour, picked up well within its
   * grade's deadline (red 2 hours, yellow 24), so that no deadline of the demo year is left for
   * the clocks to escalate later; then checked, escalated by hand when red, and some dismissed.
   */
  const alertTimeline = (random: Random, alert: AlertPlan, submitAt: number, converted: boolean): void => {
    const push = (at: number, actor: string, action: PlannedAction) => {
      if (at < yearEnd) actions.push({ ...action, at, seq: seq(), actor });
    };
    const observedAt = submitAt - random.int(10, 300) * MINUTE;
    push(submitAt, alert.informant.key, { type: 'submitAlert', alert, observedAt });
    const pickUpMinutes =
      converted || alert.grade === 'red' ? random.int(5, 90) : alert.grade === 'yellow' ? random.int(20, 18 * 60) : random.int(60, 72 * 60);
    const pickedUp = converted || alert.grade !== 'green' || random.chance(0.7);
    if (!pickedUp) {
      if (random.chance(0.4)) push(submitAt + random.int(1, 10) * 1440 * MINUTE, alert.handler, { type: 'triageAlert', alert, step: 'dismiss', text: random.pick(data.alertDismissalReasons) });
      return;
    }
    const ackAt = submitAt + pickUpMinutes * MINUTE;
    push(ackAt, alert.handler, { type: 'triageAlert', alert, step: 'acknowledge' });
    if (alert.grade === 'red' && random.chance(0.6)) {
      push(ackAt + random.int(5, 25) * MINUTE, alert.handler, { type: 'triageAlert', alert, step: 'escalate', text: random.pick(data.alertEscalateNotes) });
    }
    if (converted) {
      push(ackAt + random.int(30, 120) * MINUTE, alert.handler, { type: 'triageAlert', alert, step: 'verify', text: random.pick(data.alertVerifyNotes) });
      return;
    }
    let lastAt = ackAt + 30 * MINUTE;
    if (random.chance(0.6)) {
      lastAt = ackAt + random.int(60, 24 * 60) * MINUTE;
      push(lastAt, alert.handler, { type: 'triageAlert', alert, step: 'verify', text: random.pick(data.alertVerifyNotes) });
    }
    if (random.chance(0.35)) push(lastAt + random.int(1, 7) * 1440 * MINUTE, alert.handler, { type: 'triageAlert', alert, step: 'dismiss', text: random.pick(data.alertDismissalReasons) });
  };

  // The alerts that became cases: reported 0-3 days before the case was opened.
  for (const { dispute, openDay, conversion } of alertCases) {
    const r = alertRandom;
    const informant = reporter(r, dispute.subDistrict);
    const first = SIGNALS_FOR_CATEGORY[dispute.category];
    const signals = [r.pick(first)];
    if (dispute.workersInvolved >= 10 && r.chance(0.5)) signals.push('collective_action_risk');
    if (dispute.group && dispute.category === 'wage_arrears' && r.chance(0.6)) signals.push('owner_unreachable');
    const alert = newAlert(r, informant, dispute.employer, signals, dispute.workersInvolved);
    alert.handler = dispute.opener;
    alert.convertedInto = dispute;
    dispute.fromAlert = alert;
    conversion.alert = alert;
    const submitDay = Math.max(0, openDay - r.int(0, 3));
    // Reported on the day the case is opened: in the morning, so that it is checked before the afternoon's conversion.
    alertTimeline(r, alert, calendar.at(submitDay, submitDay === openDay ? r.int(6 * 60, 11 * 60) : r.int(6 * 60, 23 * 60)), true);
  }
  // Alerts that stayed alerts: watched, verified, escalated, dismissed.
  const nOtherAlerts = Math.round(nResolved * 0.4);
  for (let i = 0; i < nOtherAlerts; i++) {
    const r = alertRandom;
    const informant = reporter(r, subDistrictFor(r, i));
    const enterprise = employerByCode.get(r.pick(informant.enterprises))!;
    const count = r.weighted([[1, 50], [2, 35], [3, 15]] as Array<[number, number]>);
    const signals = [...new Set(Array.from({ length: count }, () => r.weighted(SIGNAL_WEIGHTS)))];
    const workers = r.weighted([[r.int(3, 9), 40], [r.int(10, 29), 40], [r.int(30, 150), 20]] as Array<[number, number]>);
    const alert = newAlert(r, informant, enterprise, signals, workers);
    alertTimeline(r, alert, calendar.at(calendar.pick(r, 0, calendar.last - 1), r.int(6 * 60, 23 * 60)), false);
  }
  // Informants are registered by their sub-district's supervisor: most before the year, some during it, before their first report.
  for (const informant of informants) {
    const r = alertRandom;
    const firstReport = Math.min(...informant.alerts.map((a) => actions.find((x) => x.type === 'submitAlert' && x.alert === a)?.at ?? Infinity));
    const firstDay = Number.isFinite(firstReport) ? Math.floor((firstReport - calendar.at(0, 0)) / (1440 * MINUTE)) : calendar.last;
    const day = r.chance(0.8) || firstDay < 1 ? r.int(-11, -2) : r.int(0, firstDay - 1);
    actions.push({ type: 'registerInformant', informant, at: calendar.at(day, r.int(9 * 60, 17 * 60)), seq: seq(), actor: informant.registrar });
  }

  // ---- Pre-litigation mediations referred by the court ----
  const mediationRandom = root.fork('mediations');
  const nConcluded = targets.mediationsConcluded;
  const nAgreed = Math.max(1, Math.round(nConcluded * 0.72));
  const nFailed = Math.round(nConcluded * 0.22);
  const nRunning = Math.max(1, Math.round(nConcluded * 0.035));
  const mediations: MediationPlan[] = [];
  const mediationTimelines = new Map<MediationPlan, Timeline>();
  const planned: Array<{ mediation: MediationPlan; referDay: number; endDay: number | null; extension?: { day: number; extraDays: number } }> = [];
  for (let i = 0; i < nConcluded + nRunning; i++) {
    const r = mediationRandom;
    const ending: 'agreement' | 'failure' | 'withdrawal' | null = i < nAgreed ? 'agreement' : i < nAgreed + nFailed ? 'failure' : i < nConcluded ? 'withdrawal' : null;
    const extended = ending !== null && ending !== 'withdrawal' && r.chance(0.04);
    const extraDays = extended ? r.int(10, 30) : 0;
    let duration =
      ending === 'agreement'
        ? Math.min(30, Math.max(2, Math.round(r.logNormal(14, 0.5))))
        : ending === 'failure'
          ? r.int(20, 30)
          : r.int(1, 20);
    if (extended) duration = 30 + r.int(1, extraDays);
    const referDay = ending === null ? calendar.pick(r, calendar.last - 25, calendar.last) : calendar.pick(r, 0, calendar.last - duration);
    const subDistrict = subDistrictFor(r, i);
    const category = r.weighted(CATEGORY_WEIGHTS);
    const mediators = mediatorsOf.get(subDistrict)!;
    const mediation: MediationPlan = {
      n: i,
      courtCaseNo: '',
      referredOn: calendar.date(referDay),
      subDistrict,
      category,
      employer: pickEmployer(r, subDistrict),
      workers: Array.from({ length: r.weighted([[1, 70], [2, 20], [3, 10]] as Array<[number, number]>) }, () => person(r, year)),
      claimAmountFen: 0,
      recorder: r.pick(mediators),
      supervisor: supervisorOf(subDistrict),
      mediator: r.pick(mediators),
    };
    mediations.push(mediation);
    planned.push({
      mediation,
      referDay,
      endDay: ending === null ? null : referDay + duration,
      extension: extended ? { day: referDay + r.int(25, 30), extraDays } : undefined,
    });
    if (ending === 'failure') mediation.ending = { type: 'failure', on: calendar.date(referDay + duration), reason: r.pick(data.mediationFailureReasons) };
    if (ending === 'withdrawal') mediation.ending = { type: 'withdrawal', on: calendar.date(referDay + duration), reason: r.pick(data.mediationWithdrawalReasons) };
    if (ending === 'agreement') mediation.ending = { type: 'agreement', on: calendar.date(referDay + duration), amountFen: 0, paymentTerms: r.pick(data.paymentTerms) };
  }
  // The court numbers its referrals in the order it makes them.
  [...planned].sort((a, b) => a.referDay - b.referDay || a.mediation.n - b.mediation.n).forEach((p, i) => {
    p.mediation.courtCaseNo = fill(data.courtCaseNo, { year, n: 1000 + i + 1 });
  });
  const agreements = mediations.filter((m) => m.ending?.type === 'agreement');
  const rawAgreed = agreements.map((m) => rawAmount(amountRandom, m.category, m.workers.length) * 0.5);
  scaleToTotal(rawAgreed, targets.mediationAgreedFen).forEach((fen, i) => {
    (agreements[i].ending as { amountFen: number }).amountFen = fen;
  });
  for (const m of mediations) {
    const agreed = m.ending?.type === 'agreement' ? m.ending.amountFen : rawAmount(amountRandom, m.category, m.workers.length) * 50;
    m.claimAmountFen = Math.max(100, Math.round(agreed / (0.6 + amountRandom.next() * 0.4) / 100) * 100);
  }
  for (const { mediation, referDay, endDay, extension } of planned) {
    const r = mediationRandom;
    const timeline = new Timeline(r);
    mediationTimelines.set(mediation, timeline);
    timeline.add(referDay, mediation.recorder, { type: 'referMediation', mediation });
    const assignDay = Math.min(referDay + (r.chance(0.85) ? 0 : 1), endDay ?? calendar.last);
    timeline.add(assignDay, mediation.supervisor, { type: 'assignMediation', mediation });
    const lastDay = endDay ?? calendar.last;
    const sessions = mediation.ending?.type === 'withdrawal' ? r.int(0, 1) : r.weighted([[1, 50], [2, 35], [3, 15]] as Array<[number, number]>);
    const events: Array<{ day: number; order: number; action: PlannedAction }> = [];
    for (let s = 0; s < sessions && (endDay === null || assignDay <= lastDay); s++) {
      const day = r.int(assignDay, lastDay);
      const form = r.weighted([['in_person', 60], ['phone', 25], ['video', 15]] as Array<[MediationSessionForm, number]>);
      events.push({ day, order: 1, action: { type: 'holdSession', mediation, heldOn: calendar.date(day), form, note: r.pick(data.sessionNotes), index: s } });
    }
    if (extension) {
      events.push({ day: extension.day, order: 2, action: { type: 'extendMediation', mediation, extraDays: extension.extraDays, agreedOn: calendar.date(extension.day), note: data.extensionNotes[0] } });
    }
    if (endDay !== null) events.push({ day: endDay, order: 3, action: { type: 'endMediation', mediation } });
    if (mediation.ending?.type === 'agreement' && endDay !== null && r.chance(0.4)) {
      const appliedDay = endDay + r.int(1, 20);
      if (appliedDay <= calendar.last) {
        events.push({ day: appliedDay, order: 4, action: { type: 'judicialConfirmation', mediation, status: 'applied', on: calendar.date(appliedDay) } });
        const decidedDay = appliedDay + r.int(3, 15);
        const decision = r.weighted([['granted', 85], ['refused', 3], [null, 12]] as Array<['granted' | 'refused' | null, number]>);
        if (decision && decidedDay <= calendar.last) {
          events.push({ day: decidedDay, order: 5, action: { type: 'judicialConfirmation', mediation, status: decision, on: calendar.date(decidedDay) } });
        }
      }
    }
    for (const e of events.sort((a, b) => a.day - b.day || a.order - b.order)) timeline.add(e.day, mediation.mediator, e.action);
  }

  // ---- Every record's actions, in the order of the year ----
  for (const timeline of [...complaintTimelines.values(), ...timelines.values(), ...mediationTimelines.values()]) {
    actions.push(...timeline.timed(calendar, seq));
  }
  actions.sort((a, b) => a.at - b.at || a.seq - b.seq);
  return { year, seed, targets, staff, disputes, complaints, mediations, informants, alerts, actions };
}

function planSteps(random: Random, count: number): StepPlan[] {
  const kinds: DisputeStepKind[] = ['contact'];
  while (kinds.length < count) {
    kinds.push(random.weighted([['negotiation_session', 40], ['site_visit', 25], ['evidence_collected', 20], ['note', 15]] as Array<[DisputeStepKind, number]>));
  }
  return kinds.map((kind) => ({ kind, note: random.pick(data.stepNotes[kind]) }));
}

/** The streams of the records a played plan wrote (their ids are known once it has run). */
export function recordStreams(plan: DemoPlan): string[] {
  const id = (record: { id?: string }) => {
    if (!record.id) throw new Error('the plan has not been played: its records have no ids');
    return record.id;
  };
  return [
    ...plan.disputes.map((d) => disputeStreamId(id(d))),
    ...plan.complaints.map((c) => complaintStreamId(id(c))),
    ...plan.mediations.map((m) => mediationStreamId(id(m))),
    ...plan.alerts.map((a) => alertStreamId(id(a))),
    ...plan.informants.map((i) => informantStreamId(id(i))),
  ];
}
