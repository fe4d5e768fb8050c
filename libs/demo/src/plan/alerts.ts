import { assessRisk, DEFAULT_RISK_WEIGHTS } from '@lc/alerts';
import { ALERT_SIGNALS, AlertSignal } from '@lc/reference-data';
import data from '../data/zh.json';
import { Employer, mobilePhone, personName } from '../people';
import { Random } from '../random';
import { MINUTE } from './calendar';
import { AlertCase } from './disputes';
import { AlertPlan, InformantPlan, PlannedAction } from './types';
import { SIGNAL_WEIGHTS, SIGNALS_FOR_CATEGORY } from './weights';
import { PlanningYear } from './year';

export interface PlannedAlerts {
  informants: InformantPlan[];
  alerts: AlertPlan[];
}

/**
 * Early-warning informants (预警信息员) and their alerts: those that became cases, reported 0-3
 * days before the case was opened; those that stayed alerts; and each informant's registration.
 * Their actions go straight into the year's actions, at instants (an alert comes at any hour).
 */
export function planAlerts(year: PlanningYear, alertCases: AlertCase[]): PlannedAlerts {
  const informants = recruitInformants(year);
  const alerts: AlertPlan[] = [];
  const random = year.random.alerts;
  for (const { dispute, openDay, conversion } of alertCases) {
    const informant = reporter(random, informants, dispute.subDistrict);
    const signals = [random.pick(SIGNALS_FOR_CATEGORY[dispute.category])];
    if (dispute.workersInvolved >= 10 && random.chance(0.5)) signals.push('collective_action_risk');
    if (dispute.group && dispute.category === 'wage_arrears' && random.chance(0.6)) signals.push('owner_unreachable');
    const alert = newAlert(year, alerts, informant, dispute.employer, signals, dispute.workersInvolved);
    alert.handler = dispute.opener;
    alert.convertedInto = dispute;
    dispute.fromAlert = alert;
    conversion.alert = alert;
    const submitDay = Math.max(0, openDay - random.int(0, 3));
    // Reported on the day the case is opened: in the morning, so that it is checked before the afternoon's conversion.
    const minutes = submitDay === openDay ? random.int(6 * 60, 11 * 60) : random.int(6 * 60, 23 * 60);
    alertTimeline(year, alert, year.calendar.at(submitDay, minutes), true);
  }
  // Alerts that stayed alerts: watched, verified, escalated, dismissed.
  const others = Math.round(year.targets.disputesResolved * 0.4);
  for (let i = 0; i < others; i++) {
    const informant = reporter(random, informants, year.subDistrictFor(random, i));
    const enterprise = year.employer(random.pick(informant.enterprises));
    const count = random.weighted([[1, 50], [2, 35], [3, 15]] as Array<[number, number]>);
    const signals = [...new Set(Array.from({ length: count }, () => random.weighted(SIGNAL_WEIGHTS)))];
    const workers = random.weighted([[random.int(3, 9), 40], [random.int(10, 29), 40], [random.int(30, 150), 20]] as Array<[number, number]>);
    const alert = newAlert(year, alerts, informant, enterprise, signals, workers);
    alertTimeline(year, alert, year.calendar.at(year.calendar.pick(random, 0, year.calendar.last - 1), random.int(6 * 60, 23 * 60)), false);
  }
  for (const informant of informants) registerInformant(year, informant);
  return { informants, alerts };
}

function recruitInformants(year: PlanningYear): InformantPlan[] {
  const random = year.random.alerts;
  const informants: InformantPlan[] = [];
  const count = Math.max(year.subDistricts.length, Math.round(year.targets.disputesResolved * 0.25));
  for (let i = 0; i < count; i++) {
    const subDistrict = year.subDistrictFor(random, i);
    const number = informants.filter((x) => x.subDistrict === subDistrict).length + 1;
    const key = `${year.abbrev(subDistrict)}-informant-${String(number).padStart(2, '0')}`;
    const local = year.employersIn(subDistrict);
    const enterprises = [...new Set(Array.from({ length: random.int(2, 5) }, () => random.pick(local).creditCode))];
    informants.push({ key, username: key, name: personName(random), phone: mobilePhone(random), subDistrict, enterprises, registrar: year.supervisorOf(subDistrict), alerts: [] });
  }
  return informants;
}

/** The same few report again and again; about a third of a sub-district's informants report nothing all year. */
function reporter(random: Random, informants: InformantPlan[], subDistrict: string): InformantPlan {
  const list = informants.filter((x) => x.subDistrict === subDistrict);
  const reporting = list.slice(0, Math.max(1, Math.ceil(list.length * 0.7)));
  return random.weighted(reporting.map((informant, i) => [informant, 1 / (i + 1)] as [InformantPlan, number]));
}

function newAlert(year: PlanningYear, alerts: AlertPlan[], informant: InformantPlan, enterprise: Employer, signals: AlertSignal[], workers: number): AlertPlan {
  const random = year.random.alerts;
  const alert: AlertPlan = {
    n: alerts.length,
    informant,
    enterprise,
    subDistrict: informant.subDistrict,
    signals,
    workersAffected: workers,
    description: random.pick(data.alertDescriptions[signals[0]]),
    location: random.chance(0.3) ? random.pick(data.alertLocations) : undefined,
    // The grade the district's default weights give it, for planning its pick-up.
    grade: assessRisk(ALERT_SIGNALS.filter((code) => signals.includes(code)), workers, DEFAULT_RISK_WEIGHTS).grade,
    handler: random.pick(year.mediatorsOf(informant.subDistrict)),
  };
  informant.alerts.push(alert);
  if (!informant.enterprises.includes(enterprise.creditCode)) informant.enterprises.push(enterprise.creditCode);
  alerts.push(alert);
  return alert;
}

/**
 * An alert's life as instants: submitted from a phone at any hour, picked up well within its
 * grade's deadline (red 2 hours, yellow 24), so that no deadline of the demo year is left for
 * the clocks to escalate later; then checked, escalated by hand when red, and some dismissed.
 */
function alertTimeline(year: PlanningYear, alert: AlertPlan, submitAt: number, converted: boolean): void {
  const random = year.random.alerts;
  const yearEnd = year.calendar.at(year.calendar.last + 1, 0);
  const push = (at: number, actor: string, action: PlannedAction) => {
    if (at < yearEnd) year.actions.push({ ...action, at, seq: year.seq(), actor });
  };
  const observedAt = submitAt - random.int(10, 300) * MINUTE;
  push(submitAt, alert.informant.key, { type: 'submitAlert', alert, observedAt });
  const pickUpMinutes =
    converted || alert.grade === 'red' ? random.int(5, 90) : alert.grade === 'yellow' ? random.int(20, 18 * 60) : random.int(60, 72 * 60);
  const pickedUp = converted || alert.grade !== 'green' || random.chance(0.7);
  const triage = (at: number, step: 'acknowledge' | 'verify' | 'escalate' | 'dismiss', text?: string) => push(at, alert.handler, { type: 'triageAlert', alert, step, ...(text !== undefined && { text }) });
  if (!pickedUp) {
    if (random.chance(0.4)) triage(submitAt + random.int(1, 10) * 1440 * MINUTE, 'dismiss', random.pick(data.alertDismissalReasons));
    return;
  }
  const ackAt = submitAt + pickUpMinutes * MINUTE;
  triage(ackAt, 'acknowledge');
  if (alert.grade === 'red' && random.chance(0.6)) triage(ackAt + random.int(5, 25) * MINUTE, 'escalate', random.pick(data.alertEscalateNotes));
  if (converted) {
    triage(ackAt + random.int(30, 120) * MINUTE, 'verify', random.pick(data.alertVerifyNotes));
    return;
  }
  let lastAt = ackAt + 30 * MINUTE;
  if (random.chance(0.6)) {
    lastAt = ackAt + random.int(60, 24 * 60) * MINUTE;
    triage(lastAt, 'verify', random.pick(data.alertVerifyNotes));
  }
  if (random.chance(0.35)) triage(lastAt + random.int(1, 7) * 1440 * MINUTE, 'dismiss', random.pick(data.alertDismissalReasons));
}

/** Registered by their sub-district's supervisor: most before the year, some during it, before their first report. */
function registerInformant(year: PlanningYear, informant: InformantPlan): void {
  const random = year.random.alerts;
  const { calendar } = year;
  const submitted = (a: AlertPlan) => year.actions.find((x) => x.type === 'submitAlert' && x.alert === a)?.at ?? Infinity;
  const firstReport = Math.min(...informant.alerts.map(submitted));
  const firstDay = Number.isFinite(firstReport) ? Math.floor((firstReport - calendar.at(0, 0)) / (1440 * MINUTE)) : calendar.last;
  const day = random.chance(0.8) || firstDay < 1 ? random.int(-11, -2) : random.int(0, firstDay - 1);
  year.actions.push({ type: 'registerInformant', informant, at: calendar.at(day, random.int(9 * 60, 17 * 60)), seq: year.seq(), actor: informant.registrar });
}
