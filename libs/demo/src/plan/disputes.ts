import { DisputeCategory, DisputeChannel } from '@lc/reference-data';
import data from '../data/zh.json';
import { person } from '../people';
import { Random } from '../random';
import { fill, installments, rawAmount, scaleToTotal, yuanText } from './amounts';
import { Timeline } from './calendar';
import { convertedComplaint } from './complaints';
import { DisputePlan, PlannedAction, StepPlan } from './types';
import { CATEGORY_WEIGHTS, CHANNEL_WEIGHTS, OUTCOME_WEIGHTS } from './weights';
import { ComplaintBook, PlanningYear } from './year';

/** A case opened by converting an alert (预警转案): the alert itself is planned with the informants. */
export interface AlertCase {
  dispute: DisputePlan;
  openDay: number;
  conversion: Extract<PlannedAction, { type: 'convertAlert' }>;
}

export interface PlannedDisputes {
  disputes: DisputePlan[];
  timelines: Map<DisputePlan, Timeline>;
  alertCases: AlertCase[];
}

/** Which resolved cases are group disputes, which came from complaints or from alerts. */
interface Origins {
  groupAt: Set<number>;
  convertedAt: Set<number>;
  fromAlertAt: Set<number>;
}

type Resolved = { dispute: DisputePlan; openDay: number; resolveDay: number };
type StillOpen = { dispute: DisputePlan; openDay: number };

/**
 * The year's dispute cases: who opens them, for how much, and each one's steps, recoveries and
 * resolution; converted complaints are entered in the book as they are planned.
 */
export function planDisputes(year: PlanningYear, book: ComplaintBook): PlannedDisputes {
  const origins = chooseOrigins(year);
  const disputes: DisputePlan[] = [];
  const resolved = planResolved(year, origins, disputes);
  const open = planStillOpen(year, disputes);
  planAmounts(year, disputes, resolved, open);

  const timelines = new Map<DisputePlan, Timeline>();
  const alertCases: AlertCase[] = [];
  const reopens = { left: Math.floor(year.targets.disputesResolved / 200) };
  for (const plan of resolved) {
    const timeline = new Timeline(year.random.disputes);
    timelines.set(plan.dispute, timeline);
    const resolution = plan.dispute.resolution!;
    resolution.resolvedOn = year.calendar.date(plan.resolveDay);
    resolution.note = year.random.disputes.pick(data.resolutionNotes[resolution.outcome]);
    planOpening(year, book, origins, plan, timeline, alertCases);
    planResolvedTimeline(year, plan, timeline, reopens);
  }
  for (const plan of open) timelines.set(plan.dispute, openTimeline(year, plan));
  return { disputes, timelines, alertCases };
}

function chooseOrigins(year: PlanningYear): Origins {
  const random = year.random.disputes;
  const { disputesResolved: nResolved, groupDisputesResolved, complaintsHandled } = year.targets;
  const nConverted = Math.min(Math.round(complaintsHandled * 0.1), nResolved - groupDisputesResolved);
  const all = () => Array.from({ length: nResolved }, (_, i) => i);
  // Spread over the list.
  const groupAt = new Set(random.shuffle(all()).slice(0, groupDisputesResolved));
  const convertedAt = new Set(random.shuffle(all().filter((i) => !groupAt.has(i))).slice(0, nConverted));
  // From informants' alerts: an absconded owner often shows first in an alert, so group disputes too.
  const fromAlertAt = new Set(year.random.alertCases.shuffle(all().filter((i) => !convertedAt.has(i))).slice(0, Math.round(nResolved * 0.08)));
  return { groupAt, convertedAt, fromAlertAt };
}

/** Resolved cases: a duration, then an opening day that leaves room for it within the year. */
function planResolved(year: PlanningYear, origins: Origins, disputes: DisputePlan[]): Resolved[] {
  const random = year.random.disputes;
  const { calendar } = year;
  const plans: Resolved[] = [];
  for (let i = 0; i < year.targets.disputesResolved; i++) {
    const group = origins.groupAt.has(i);
    const duration = group ? random.int(6, 25) : Math.min(90, Math.max(1, Math.round(random.logNormal(11, 0.75))));
    const openDay = calendar.pick(random, 0, calendar.last - duration);
    const channel = origins.convertedAt.has(i)
      ? random.pick(['hotline_12351', 'hotline_12351', 'online_opinion'] as const)
      : origins.fromAlertAt.has(i)
        ? 'informant_alert'
        : undefined;
    const dispute = newDispute(year, disputes.length, true, group, openDay, channel);
    disputes.push(dispute);
    plans.push({ dispute, openDay, resolveDay: openDay + duration });
  }
  return plans;
}

/** Open at the end of the year: mostly December's, a few long-running ones; one group dispute at full scale. */
function planStillOpen(year: PlanningYear, disputes: DisputePlan[]): StillOpen[] {
  const random = year.random.disputes;
  const { calendar } = year;
  const plans: StillOpen[] = [];
  const count = Math.max(1, Math.round(year.targets.disputesResolved * 0.06));
  for (let i = 0; i < count; i++) {
    const group = i === 0 && year.targets.groupDisputesResolved >= 2;
    const openDay = group
      ? calendar.last - random.int(2, 8)
      : random.chance(0.8)
        ? calendar.pick(random, calendar.last - 30, calendar.last)
        : calendar.pick(random, calendar.last - 120, calendar.last - 31);
    const dispute = newDispute(year, disputes.length, false, group, openDay);
    disputes.push(dispute);
    plans.push({ dispute, openDay });
  }
  return plans;
}

function newDispute(year: PlanningYear, n: number, resolved: boolean, group: boolean, openDay: number, channel?: DisputeChannel): DisputePlan {
  const random = year.random.disputes;
  const subDistrict = year.subDistrictFor(random, n);
  const category: DisputeCategory = group ? random.pick(['wage_arrears', 'wage_arrears', 'termination_compensation'] as const) : random.weighted(CATEGORY_WEIGHTS);
  const workers = group
    ? random.int(32, 160)
    : category === 'work_injury'
      ? 1
      : random.weighted([[1, 45], [random.int(2, 5), 30], [random.int(6, 15), 18], [random.int(16, 29), 7]] as Array<[number, number]>);
  const employer = year.pickEmployer(random, subDistrict);
  const representatives = workers === 1 ? 1 : Math.min(workers, workers >= 10 ? random.int(2, 5) : random.int(1, 2));
  const mediators = year.mediatorsOf(subDistrict);
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
    claimants: Array.from({ length: representatives }, () => person(random, year.year)),
    openedOn: year.calendar.date(openDay),
    opener,
    supervisor: group ? 'district-supervisor' : year.supervisorOf(subDistrict),
    mediator: random.chance(0.7) ? opener : random.pick(mediators),
    recoveredFen: 0,
    group,
    resolution: resolved ? { outcome: group ? 'agreement' : random.weighted(OUTCOME_WEIGHTS), resolvedOn: '', note: '' } : undefined,
  };
}

/** Recovered for every agreement, and a part already paid on some open cases; claims above them. */
function planAmounts(year: PlanningYear, disputes: DisputePlan[], resolved: Resolved[], open: StillOpen[]): void {
  const random = year.random.amounts;
  const payingOpen = open.filter((p, i) => i > 0 && random.chance(0.35)).map((p) => p.dispute);
  const paying = [...resolved.filter((p) => p.dispute.resolution!.outcome === 'agreement').map((p) => p.dispute), ...payingOpen];
  const raw = new Map<DisputePlan, number>();
  for (const d of disputes) raw.set(d, rawAmount(random, d.category, d.workersInvolved) * (payingOpen.includes(d) ? 0.4 : 1));
  const recovered = scaleToTotal(paying.map((d) => raw.get(d)!), year.targets.amountRecoveredFen);
  paying.forEach((d, i) => (d.recoveredFen = recovered[i]));
  const factor = recovered.reduce((a, b) => a + b, 0) / paying.reduce((a, d) => a + raw.get(d)!, 0);
  for (const d of disputes) {
    // Workers claim more than they get: the recovered share of a claim is 55-100%.
    const basis = d.recoveredFen > 0 ? d.recoveredFen / (payingOpen.includes(d) ? 0.4 : 1) : raw.get(d)! * factor;
    d.amountClaimedFen = Math.max(100, Math.round(basis / (0.55 + random.next() * 0.45) / 100) * 100);
    const template = d.group ? random.pick(data.groupSummaries) : random.pick(data.summaries[d.category]);
    d.summary = fill(template, {
      workers: d.workersInvolved,
      employer: d.employer.name,
      months: random.int(1, 4),
      month: random.int(1, 12),
      amount: yuanText(d.amountClaimedFen),
    });
  }
}

/** How a resolved case opens: from a complaint, from an alert, or opened at the desk; then assigned. */
function planOpening(year: PlanningYear, book: ComplaintBook, origins: Origins, { dispute, openDay }: Resolved, timeline: Timeline, alertCases: AlertCase[]): void {
  if (dispute.fromComplaint === undefined && origins.convertedAt.has(dispute.n)) {
    const { complaint, receivedDay } = convertedComplaint(year, book, dispute, openDay);
    // The conversion opens the case: it belongs to the case's timeline, on its opening day.
    timeline.add(openDay, dispute.opener, { type: 'convertComplaint', complaint, dispute }, receivedDay === openDay ? 16 * 60 : undefined);
  } else if (origins.fromAlertAt.has(dispute.n)) {
    // The alert is planned with the informants; the conversion that opens the case is the
    // case's first action, late on its opening day, after the alert was picked up and checked.
    const conversion = { type: 'convertAlert' as const, alert: undefined as unknown as AlertCase['conversion']['alert'], dispute };
    alertCases.push({ dispute, openDay, conversion });
    timeline.add(openDay, dispute.opener, conversion, 16 * 60);
  } else {
    timeline.add(openDay, dispute.opener, { type: 'openDispute', dispute });
  }
  timeline.add(openDay, dispute.supervisor, { type: 'assignDispute', dispute });
}

type DatedAction = { day: number; order: number; action: PlannedAction; actor: string };

/** Steps, recoveries and the resolution; a few reopened when an employer did not pay. */
function planResolvedTimeline(year: PlanningYear, { dispute, openDay, resolveDay }: Resolved, timeline: Timeline, reopens: { left: number }): void {
  const r = year.random.disputes;
  const { calendar } = year;
  const resolution = dispute.resolution!;
  const steps = planSteps(r, dispute.group ? 6 : r.int(2, 5));
  const stepDays = steps.map((_, i) => (i === 0 ? openDay + (r.chance(0.6) ? 0 : Math.min(1, resolveDay - openDay)) : r.int(openDay, resolveDay))).sort((a, b) => a - b);
  // Payments before the resolution (at a negotiation) or on its day; the rest within the 30 days after.
  const parts = dispute.recoveredFen > 0 ? installments(year.random.amounts, dispute.recoveredFen) : [];
  const reopen = parts.length === 1 && reopens.left > 0 && resolution.outcome === 'agreement' && !dispute.group && resolveDay + 30 < calendar.last && r.chance(0.2);
  const partDays = parts.map((_, i) => (i === 0 ? (r.chance(0.2) ? r.int(openDay, resolveDay) : resolveDay) : Math.min(calendar.last, resolveDay + r.int(3, 30))));

  const changeWorkers = !dispute.group && dispute.workersInvolved >= 3 && dispute.workersInvolved <= 25 && r.chance(0.03) && resolveDay > openDay;
  const events: DatedAction[] = [];
  const by = dispute.mediator;
  steps.forEach((step, index) => events.push({ day: stepDays[index], order: 1, action: { type: 'logStep', dispute, step, index }, actor: by }));
  if (changeWorkers) {
    const to = Math.min(29, dispute.workersInvolved + r.int(1, 3));
    events.push({ day: openDay + 1, order: 0, action: { type: 'changeWorkers', dispute, workersInvolved: to, reason: r.pick(data.workersChangeReasons) }, actor: by });
  }
  parts.forEach((amountFen, index) => {
    const day = partDays[index];
    const action: PlannedAction = { type: 'recordRecovery', dispute, amountFen, recoveredOn: calendar.date(day), note: r.pick(data.recoveryNotes), index };
    events.push({ day, order: day <= resolveDay ? 2 : 4, action, actor: by });
  });
  if (reopen) {
    reopens.left--;
    events.push(...reopenUnpaid(year, dispute, resolveDay, events));
  } else {
    events.push({ day: resolveDay, order: 3, action: { type: 'resolveDispute', dispute, outcome: resolution.outcome, resolvedOn: resolution.resolvedOn, note: resolution.note, round: 1 }, actor: by });
  }
  for (const e of events.sort((a, b) => a.day - b.day || a.order - b.order)) timeline.add(e.day, e.actor, e.action);
}

/** Agreed and resolved, but the employer paid nothing: reopened, paid (its one payment moved), resolved again. */
function reopenUnpaid(year: PlanningYear, dispute: DisputePlan, resolveDay: number, events: DatedAction[]): DatedAction[] {
  const r = year.random.disputes;
  const resolution = dispute.resolution!;
  const reopenDay = resolveDay + r.int(10, 20);
  const payDay = reopenDay + r.int(1, 5);
  const only = events.findIndex((e) => e.action.type === 'recordRecovery');
  const payment = events[only].action as Extract<PlannedAction, { type: 'recordRecovery' }>;
  events[only] = { ...events[only], day: payDay, order: 6, action: { ...payment, recoveredOn: year.calendar.date(payDay) } };
  const first: DatedAction = { day: resolveDay, order: 3, action: { type: 'resolveDispute', dispute, outcome: 'agreement', resolvedOn: resolution.resolvedOn, note: resolution.note, round: 1 }, actor: dispute.mediator };
  const reopened: DatedAction = { day: reopenDay, order: 5, action: { type: 'reopenDispute', dispute, reason: r.pick(data.reopenReasons) }, actor: dispute.supervisor };
  resolution.resolvedOn = year.calendar.date(payDay);
  const again: DatedAction = { day: payDay, order: 7, action: { type: 'resolveDispute', dispute, outcome: 'agreement', resolvedOn: resolution.resolvedOn, note: resolution.note, round: 2 }, actor: dispute.mediator };
  return [first, reopened, again];
}

function openTimeline(year: PlanningYear, { dispute, openDay }: StillOpen): Timeline {
  const r = year.random.disputes;
  const { calendar } = year;
  const timeline = new Timeline(r);
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
  return timeline;
}

function planSteps(random: Random, count: number): StepPlan[] {
  const kinds: StepPlan['kind'][] = ['contact'];
  while (kinds.length < count) {
    kinds.push(random.weighted([['negotiation_session', 40], ['site_visit', 25], ['evidence_collected', 20], ['note', 15]] as Array<[StepPlan['kind'], number]>));
  }
  return kinds.map((kind) => ({ kind, note: random.pick(data.stepNotes[kind]) }));
}
