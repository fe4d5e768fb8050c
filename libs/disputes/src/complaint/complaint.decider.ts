import { Decider, DomainError, DomainEvent, invalidField, shanghaiDate, unprocessable } from '@lc/decider';
import { ComplaintSource, DisputeChannel, definedOnly, refuseDateBefore, refuseFutureDate, refuseFutureInstant, today } from '@lc/reference-data';
import type { CommandContext } from '@lc/decider';
import type { Employer } from '@lc/parties';
import type { OpeningFromRecord } from '../dispute-case/dispute-case.decider';
import type { ConvertComplaintRequest } from '../convert-complaint/convert-complaint.schema';
import type { HandleComplaintRequest } from '../handle-complaint/handle-complaint.schema';
import type { ReceiveComplaintRequest } from '../receive-complaint/receive-complaint.schema';

/*
 * A complaint or work order (投诉反映问题, 工单) from the 12351 hotline, online public-opinion
 * monitoring or elsewhere, one stream per item: `complaint-<uuid>`. It is closed exactly once:
 * handled (answered and closed) or converted into a dispute case, which then names it as its
 * source ({kind: 'complaint', id}) while the complaint keeps the dispute's id.
 */

export const COMPLAINT_STREAM_PREFIX = 'complaint-';
export const complaintStreamId = (complaintId: string): string => `${COMPLAINT_STREAM_PREFIX}${complaintId}`;

/**
 * Whom the complaint is about. The credit code is optional here, unlike on a dispute: an online
 * post names a company, rarely its code. Converting to a dispute needs it (disputeFromComplaint).
 */
export interface ComplaintEmployer {
  name: string;
  creditCode?: string;
}

// ---- Events -------------------------------------------------------------------------------------

export interface ComplaintReceivedData {
  complaintId: string;
  source: ComplaintSource;
  /** The 12351 work-order number; always present for hotline_12351. */
  workOrderNo?: string;
  subDistrict: string;
  employer?: ComplaintEmployer;
  summary: string;
  /** ISO instant in UTC; its Shanghai date is the day it counts as received. */
  receivedAt: string;
}

export type ComplaintReceived = DomainEvent<'ComplaintReceived', ComplaintReceivedData>;
export type ComplaintHandled = DomainEvent<'ComplaintHandled', { note: string; handledOn: string }>;
export type ComplaintConverted = DomainEvent<'ComplaintConverted', { disputeId: string; convertedOn: string }>;

export type ComplaintEvent = ComplaintReceived | ComplaintHandled | ComplaintConverted;
export type ComplaintEventType = ComplaintEvent['type'];
export const COMPLAINT_EVENT_TYPES: readonly ComplaintEventType[] = ['ComplaintReceived', 'ComplaintHandled', 'ComplaintConverted'];

// ---- Commands -----------------------------------------------------------------------------------

/* Each command is its request (the schema in the use case's folder) plus what the handler adds; decide checks only what needs the state or the clock. */

export type ReceiveComplaint = CommandContext & ReceiveComplaintRequest & { type: 'ReceiveComplaint'; complaintId: string };
export type HandleComplaint = CommandContext & HandleComplaintRequest & { type: 'HandleComplaint' };

/** Made by the handler alone (no request of its own): the case's id is derived from the complaint's. */
export interface ConvertComplaint extends CommandContext {
  type: 'ConvertComplaint';
  /** The id of the dispute case the handler opens for it (with source {kind: 'complaint', id}). */
  disputeId: string;
  /** Default: today in Shanghai. */
  convertedOn?: string;
}

export type ComplaintCommand = ReceiveComplaint | HandleComplaint | ConvertComplaint;

// ---- State --------------------------------------------------------------------------------------

export interface NotReceived {
  status: 'not_received';
}

export interface Complaint {
  status: 'received' | 'handled' | 'converted';
  complaintId: string;
  source: ComplaintSource;
  workOrderNo: string | null;
  subDistrict: string;
  employer: ComplaintEmployer | null;
  summary: string;
  receivedAt: string;
  /** Shanghai date of receivedAt. */
  receivedOn: string;
  handledOn: string | null;
  convertedOn: string | null;
  /** The dispute case it became. */
  disputeId: string | null;
}

export type ComplaintState = NotReceived | Complaint;

// ---- Decider ------------------------------------------------------------------------------------

function received(state: ComplaintState): Complaint {
  if (state.status === 'not_received') throw new DomainError('not_found', 'no such complaint');
  return state;
}

function requireUnclosed(complaint: Complaint): void {
  if (complaint.status === 'handled') throw unprocessable(`the complaint was already handled on ${complaint.handledOn}`);
  if (complaint.status === 'converted') {
    throw unprocessable(`the complaint was already converted into dispute ${complaint.disputeId} on ${complaint.convertedOn}`);
  }
}

function receive(command: ReceiveComplaint, state: ComplaintState): ComplaintEvent[] {

  if (state.status !== 'not_received') throw new DomainError('conflict', 'the complaint was already received');
  refuseFutureInstant('receivedAt', command.receivedAt, command.now);

  return [
    {
      type: 'ComplaintReceived',
      data: definedOnly<ComplaintReceivedData>({
        complaintId: command.complaintId,
        source: command.source,
        workOrderNo: command.workOrderNo,
        subDistrict: command.subDistrict,
        employer: command.employer && definedOnly({ name: command.employer.name, creditCode: command.employer.creditCode }),
        summary: command.summary,
        receivedAt: new Date(command.receivedAt).toISOString(),
      }),
    },
  ];
}

function handle(command: HandleComplaint, state: ComplaintState): ComplaintEvent[] {
  const complaint = received(state);
  requireUnclosed(complaint);
  refuseFutureDate('handledOn', command.handledOn, command.now);
  refuseDateBefore('handledOn', command.handledOn, complaint.receivedOn, 'the day the complaint was received');
  return [{ type: 'ComplaintHandled', data: { note: command.note, handledOn: command.handledOn } }];
}

function convert(command: ConvertComplaint, state: ComplaintState): ComplaintEvent[] {
  const complaint = received(state);
  requireUnclosed(complaint);
  const convertedOn = command.convertedOn ?? today(command.now);
  refuseFutureDate('convertedOn', convertedOn, command.now);
  refuseDateBefore('convertedOn', convertedOn, complaint.receivedOn, 'the day the complaint was received');
  return [{ type: 'ComplaintConverted', data: { disputeId: command.disputeId, convertedOn } }];
}

export const complaint: Decider<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  initialState: () => ({ status: 'not_received' }),

  decide(command, state) {
    switch (command.type) {
      case 'ReceiveComplaint':
        return receive(command, state);
      case 'HandleComplaint':
        return handle(command, state);
      case 'ConvertComplaint':
        return convert(command, state);
    }
  },

  evolve(state, event) {
    if (event.type === 'ComplaintReceived') {
      const d = event.data;
      return {
        status: 'received',
        complaintId: d.complaintId,
        source: d.source,
        workOrderNo: d.workOrderNo ?? null,
        subDistrict: d.subDistrict,
        employer: d.employer ?? null,
        summary: d.summary,
        receivedAt: d.receivedAt,
        receivedOn: shanghaiDate(new Date(d.receivedAt)),
        handledOn: null,
        convertedOn: null,
        disputeId: null,
      };
    }
    if (state.status === 'not_received') throw new Error(`${event.type} on a complaint stream that was never received`);
    switch (event.type) {
      case 'ComplaintHandled':
        return { ...state, status: 'handled', handledOn: event.data.handledOn };
      case 'ComplaintConverted':
        return { ...state, status: 'converted', convertedOn: event.data.convertedOn, disputeId: event.data.disputeId };
    }
  },
};

// ---- Conversion into a dispute case -------------------------------------------------------------

/** The dispute channel a complaint arrived through; 'other' sources count as referrals unless told otherwise. */
export const DISPUTE_CHANNEL_FOR_COMPLAINT_SOURCE: Readonly<Record<ComplaintSource, DisputeChannel>> = {
  hotline_12351: 'hotline_12351',
  online_opinion: 'online_opinion',
  other: 'referral',
};

/** What a conversion adds to the complaint to make a dispute case (the conversion request's body). */
export type ConversionDetails = ConvertComplaintRequest;

/**
 * The OpenDispute fields for a complaint being converted: channel, sub-district, employer and
 * summary come from the complaint unless the details override them, and the dispute names the
 * complaint as its source. The handler adds disputeId, caseNo, now and actor.
 *
 * Order for the handler: decide OpenDispute against the initial state first (pure, so a dry run
 * that surfaces bad details before anything is written), then append ComplaintConverted at the
 * complaint's version (which settles a race between two conversions), then append the dispute.
 */
export function disputeFromComplaint(complaint: Complaint, details: ConversionDetails): OpeningFromRecord {
  const employer: Partial<Employer> = details.employer ?? complaint.employer ?? {};
  if (!employer.name) throw invalidField('employer', 'the complaint names no employer: give employer.name and employer.creditCode');
  if (!employer.creditCode) throw invalidField('employer.creditCode', 'the complaint has no credit code for the employer: give it');
  return definedOnly({
    channel: details.channel ?? DISPUTE_CHANNEL_FOR_COMPLAINT_SOURCE[complaint.source],
    subDistrict: complaint.subDistrict,
    employer: { name: employer.name, creditCode: employer.creditCode },
    category: details.category,
    workersInvolved: details.workersInvolved,
    amountClaimedFen: details.amountClaimedFen,
    summary: details.summary ?? complaint.summary,
    openedOn: details.openedOn,
    claimants: details.claimants,
    infringementKnownOn: details.infringementKnownOn,
    source: { kind: 'complaint' as const, id: complaint.complaintId },
  });
}
