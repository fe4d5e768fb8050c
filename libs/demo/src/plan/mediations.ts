import { MediationSessionForm } from '@lc/reference-data';
import data from '../data/zh.json';
import { person } from '../people';
import { fill, rawAmount, scaleToTotal } from './amounts';
import { Timeline } from './calendar';
import { MediationPlan, PlannedAction } from './types';
import { CATEGORY_WEIGHTS } from './weights';
import { PlanningYear } from './year';

type Ending = 'agreement' | 'failure' | 'withdrawal' | null;
interface Referral {
  mediation: MediationPlan;
  referDay: number;
  /** null: still running at the year's end. */
  endDay: number | null;
  extension?: { day: number; extraDays: number };
}

export interface PlannedMediations {
  mediations: MediationPlan[];
  timelines: Map<MediationPlan, Timeline>;
}

/** Pre-litigation mediations referred by the court (诉前调解): most agreed, some failed or withdrawn, a few running. */
export function planMediations(year: PlanningYear): PlannedMediations {
  const concluded = year.targets.mediationsConcluded;
  const nAgreed = Math.max(1, Math.round(concluded * 0.72));
  const nFailed = Math.round(concluded * 0.22);
  const nRunning = Math.max(1, Math.round(concluded * 0.035));
  const referrals: Referral[] = [];
  for (let i = 0; i < concluded + nRunning; i++) {
    const ending: Ending = i < nAgreed ? 'agreement' : i < nAgreed + nFailed ? 'failure' : i < concluded ? 'withdrawal' : null;
    referrals.push(planReferral(year, i, ending));
  }
  const mediations = referrals.map((r) => r.mediation);
  // The court numbers its referrals in the order it makes them.
  [...referrals].sort((a, b) => a.referDay - b.referDay || a.mediation.n - b.mediation.n).forEach((p, i) => {
    p.mediation.courtCaseNo = fill(data.courtCaseNo, { year: year.year, n: 1000 + i + 1 });
  });
  planMediationAmounts(year, mediations);
  return { mediations, timelines: new Map(referrals.map((referral) => [referral.mediation, mediationTimeline(year, referral)])) };
}

function planReferral(year: PlanningYear, n: number, ending: Ending): Referral {
  const r = year.random.mediations;
  const { calendar } = year;
  const extended = ending !== null && ending !== 'withdrawal' && r.chance(0.04);
  const extraDays = extended ? r.int(10, 30) : 0;
  let duration = ending === 'agreement' ? Math.min(30, Math.max(2, Math.round(r.logNormal(14, 0.5)))) : ending === 'failure' ? r.int(20, 30) : r.int(1, 20);
  if (extended) duration = 30 + r.int(1, extraDays);
  const referDay = ending === null ? calendar.pick(r, calendar.last - 25, calendar.last) : calendar.pick(r, 0, calendar.last - duration);
  const subDistrict = year.subDistrictFor(r, n);
  const category = r.weighted(CATEGORY_WEIGHTS);
  const mediators = year.mediatorsOf(subDistrict);
  const mediation: MediationPlan = {
    n,
    courtCaseNo: '',
    referredOn: calendar.date(referDay),
    subDistrict,
    category,
    employer: year.pickEmployer(r, subDistrict),
    workers: Array.from({ length: r.weighted([[1, 70], [2, 20], [3, 10]] as Array<[number, number]>) }, () => person(r, year.year)),
    claimAmountFen: 0,
    recorder: r.pick(mediators),
    supervisor: year.supervisorOf(subDistrict),
    mediator: r.pick(mediators),
  };
  const referral: Referral = {
    mediation,
    referDay,
    endDay: ending === null ? null : referDay + duration,
    extension: extended ? { day: referDay + r.int(25, 30), extraDays } : undefined,
  };
  const on = calendar.date(referDay + duration);
  if (ending === 'failure') mediation.ending = { type: 'failure', on, reason: r.pick(data.mediationFailureReasons) };
  if (ending === 'withdrawal') mediation.ending = { type: 'withdrawal', on, reason: r.pick(data.mediationWithdrawalReasons) };
  if (ending === 'agreement') mediation.ending = { type: 'agreement', on, amountFen: 0, paymentTerms: r.pick(data.paymentTerms) };
  return referral;
}

/** The agreed amounts scaled to the year's total; each claim a little above what was agreed. */
function planMediationAmounts(year: PlanningYear, mediations: MediationPlan[]): void {
  const random = year.random.amounts;
  const agreements = mediations.filter((m) => m.ending?.type === 'agreement');
  const rawAgreed = agreements.map((m) => rawAmount(random, m.category, m.workers.length) * 0.5);
  scaleToTotal(rawAgreed, year.targets.mediationAgreedFen).forEach((fen, i) => {
    (agreements[i].ending as { amountFen: number }).amountFen = fen;
  });
  for (const m of mediations) {
    const agreed = m.ending?.type === 'agreement' ? m.ending.amountFen : rawAmount(random, m.category, m.workers.length) * 50;
    m.claimAmountFen = Math.max(100, Math.round(agreed / (0.6 + random.next() * 0.4) / 100) * 100);
  }
}

/** Referred, assigned, sessions held, maybe extended, ended; some agreements go to the court for judicial confirmation. */
function mediationTimeline(year: PlanningYear, { mediation, referDay, endDay, extension }: Referral): Timeline {
  const r = year.random.mediations;
  const { calendar } = year;
  const timeline = new Timeline(r);
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
  if (mediation.ending?.type === 'agreement' && endDay !== null && r.chance(0.4)) events.push(...judicialConfirmation(year, mediation, endDay));
  for (const e of events.sort((a, b) => a.day - b.day || a.order - b.order)) timeline.add(e.day, mediation.mediator, e.action);
  return timeline;
}

/** Applied for within 20 days of the agreement; mostly granted, rarely refused, some still pending. */
function judicialConfirmation(year: PlanningYear, mediation: MediationPlan, endDay: number): Array<{ day: number; order: number; action: PlannedAction }> {
  const r = year.random.mediations;
  const { calendar } = year;
  const appliedDay = endDay + r.int(1, 20);
  if (appliedDay > calendar.last) return [];
  const applied = { day: appliedDay, order: 4, action: { type: 'judicialConfirmation' as const, mediation, status: 'applied' as const, on: calendar.date(appliedDay) } };
  const decidedDay = appliedDay + r.int(3, 15);
  const decision = r.weighted([['granted', 85], ['refused', 3], [null, 12]] as Array<['granted' | 'refused' | null, number]>);
  if (!decision || decidedDay > calendar.last) return [applied];
  return [applied, { day: decidedDay, order: 5, action: { type: 'judicialConfirmation', mediation, status: decision, on: calendar.date(decidedDay) } }];
}
