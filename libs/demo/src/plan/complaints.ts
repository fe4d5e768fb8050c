import data from '../data/zh.json';
import { fill } from './amounts';
import { Timeline } from './calendar';
import { ComplaintPlan, DisputePlan } from './types';
import { ComplaintBook, PlanningYear } from './year';

/** The complaint a case came from: received 0-3 days before the case was opened from it. */
export function convertedComplaint(year: PlanningYear, book: ComplaintBook, dispute: DisputePlan, openDay: number): { complaint: ComplaintPlan; receivedDay: number } {
  const r = year.random.disputes;
  const receivedDay = Math.max(0, openDay - r.int(0, 3));
  const source = dispute.channel === 'online_opinion' ? 'online_opinion' : 'hotline_12351';
  const complaint: ComplaintPlan = {
    n: book.complaints.length,
    source,
    subDistrict: dispute.subDistrict,
    employer: { name: dispute.employer.name, creditCode: dispute.employer.creditCode },
    summary: fill(r.pick(data.complaintSummaries[source]), { employer: dispute.employer.name }),
    handler: dispute.opener,
    convertedInto: dispute,
  };
  if (complaint.source === 'hotline_12351') complaint.workOrderNo = book.workOrderNo(receivedDay);
  dispute.fromComplaint = complaint;
  const timeline = new Timeline(r);
  timeline.add(receivedDay, dispute.opener, { type: 'receiveComplaint', complaint });
  book.add(complaint, timeline);
  return { complaint, receivedDay };
}

/** Complaints handled without becoming cases, and a few still open at the year's end. */
export function planOtherComplaints(year: PlanningYear, book: ComplaintBook): void {
  const { complaintsHandled } = year.targets;
  const nHandled = complaintsHandled - book.complaints.length;
  const nLeftOpen = Math.max(1, Math.round(complaintsHandled * 0.035));
  for (let i = 0; i < nHandled + nLeftOpen; i++) planComplaint(year, book, i, i < nHandled);
}

function planComplaint(year: PlanningYear, book: ComplaintBook, i: number, handled: boolean): void {
  const r = year.random.complaints;
  const { calendar } = year;
  const source = r.weighted([['hotline_12351', 55], ['online_opinion', 40], ['other', 5]] as Array<[ComplaintPlan['source'], number]>);
  const wait = r.weighted([[0, 30], [r.int(1, 3), 50], [r.int(4, 10), 20]] as Array<[number, number]>);
  const receivedDay = handled ? calendar.pick(r, 0, calendar.last - wait) : calendar.pick(r, calendar.last - 4, calendar.last);
  const subDistrict = year.subDistrictFor(r, i);
  const named = source !== 'online_opinion' || r.chance(0.5);
  const employer = named ? year.pickEmployer(r, subDistrict) : undefined;
  const complaint: ComplaintPlan = {
    n: book.complaints.length,
    source,
    subDistrict,
    employer: employer && (source === 'hotline_12351' && r.chance(0.5) ? { name: employer.name, creditCode: employer.creditCode } : { name: employer.name }),
    summary: fill(r.pick(data.complaintSummaries[source]), { employer: employer?.name ?? '某公司' }),
    handler: r.pick(year.mediatorsOf(subDistrict)),
    handled: handled ? { handledOn: calendar.date(receivedDay + wait), note: r.pick(data.complaintHandlingNotes) } : undefined,
  };
  if (source === 'hotline_12351') complaint.workOrderNo = book.workOrderNo(receivedDay);
  const timeline = new Timeline(r);
  // Online opinion is found at any hour; the hotline's work orders come in office hours.
  timeline.add(receivedDay, complaint.handler, { type: 'receiveComplaint', complaint }, source === 'online_opinion' ? r.int(0, 22 * 60) : undefined);
  if (complaint.handled) timeline.add(receivedDay + wait, complaint.handler, { type: 'handleComplaint', complaint });
  book.add(complaint, timeline);
}
