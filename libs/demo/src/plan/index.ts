import { alertStreamId, informantStreamId } from '@lc/alerts';
import { complaintStreamId, disputeStreamId } from '@lc/disputes';
import { mediationStreamId } from '@lc/mediations';
import { planAlerts } from './alerts';
import { planOtherComplaints } from './complaints';
import { planDisputes } from './disputes';
import { planMediations } from './mediations';
import { DemoPlan, PlanOptions } from './types';
import { ComplaintBook, PlanningYear } from './year';

export * from './types';
export { scaleToTotal } from './amounts';

/**
 * The year's plan, by kind of record: disputes (with the complaints and alerts they came from),
 * the other complaints, informants and their alerts, court-referred mediations; then every
 * record's actions in the order of the year. Each part draws from its own generator.
 */
export function planDemoYear(options: PlanOptions): DemoPlan {
  const year = new PlanningYear(options);
  const book = new ComplaintBook(year.calendar);
  const { disputes, timelines, alertCases } = planDisputes(year, book);
  planOtherComplaints(year, book);
  const { informants, alerts } = planAlerts(year, alertCases);
  const mediations = planMediations(year);

  const actions = [...year.actions];
  for (const timeline of [...book.timelines.values(), ...timelines.values(), ...mediations.timelines.values()]) {
    actions.push(...timeline.timed(year.calendar, () => year.seq()));
  }
  actions.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const { seed } = options;
  return { year: year.year, seed, targets: year.targets, staff: year.staff, disputes, complaints: book.complaints, mediations: mediations.mediations, informants, alerts, actions };
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
