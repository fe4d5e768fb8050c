import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK, DomainEvent } from '@lc/decider';
import {
  appendDecision,
  WriteContext,
  Decision,
  decideAndAppend,
  decideOn,
  DecisionResult,
  EVENT_STORE,
  EventStore,
  isReplay,
  loadState,
  retryingConflicts,
} from '@lc/event-store';
import { ScopedStreams, WithoutContext, WriteRequest, Written, parseFields, writeContext } from '@lc/http';
import { AuthenticatedActor, domainActor } from '@lc/access';
import { CaseNumberAllocator } from '../case-numbers/case-number-allocator';
import {
  DisputeCase,
  DisputeCaseState,
  DisputeEvent,
  DisputeOpenedData,
  OpenDispute,
  OpeningFromRecord,
  disputeCase,
  disputeStreamId,
} from '../dispute-case/dispute-case.decider';
import { disputeOpeningSchema } from './open-dispute.schema';
import { OverlappingCases, refuseUnconfirmedOverlap } from './overlapping-cases';

/** What opening a case needs besides its number (allocated here) and the time and actor. */
export type OpeningDetails = Omit<OpenDispute, 'type' | 'caseNo' | 'now' | 'actor'>;

export interface OpenedDispute {
  id: string;
  caseNo: string;
  version: number;
}

/**
 * A record that becomes a case (a complaint, an alert): its streams, the command that records the
 * conversion on it, and the case's details drawn from it.
 */
export interface Conversion<Command extends { now: Date; actor: { id: string; role: string } }, Event extends DomainEvent, State, Loaded extends State> {
  records: ScopedStreams<Command, Event, State, Loaded>;
  id: string;
  /** Records the conversion (ConvertAlert, ConvertComplaint). */
  command: WithoutContext<Command>;
  /** The case's id: derived from the record's, so one record makes at most one case. */
  disputeId: string;
  details: (record: Loaded) => OpeningFromRecord;
  /** The case the record says it was converted into, if it was. */
  convertedTo: (record: Loaded) => string | null | undefined;
  /** Assigned on opening: the converting mediator unless they say otherwise (openingMediator), as when a case is opened. */
  mediatorId?: string;
  /** The opener confirmed that the case is a separate matter from an open case of the employer with a claimant in common. */
  confirmDuplicate?: boolean;
}

/** Stands in for the case number while the command is decided: the number is allocated once the decision stands. */
const CASE_NO_TO_BE_ALLOCATED = 'to-be-allocated';

/**
 * Opens a dispute case, for every way a case comes to be (a mediator opening one, a complaint or
 * an alert converted), on the one command path: the case stream is read once and OpenDispute
 * decided once; the case number is allocated after the decision stands and before the append, so
 * refused input never uses one up. Safe to repeat for the same disputeId with the same
 * Idempotency-Key: the same number, no second opening.
 */
@Injectable()
export class DisputeOpener {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly caseNumbers: CaseNumberAllocator,
    private readonly overlapping: OverlappingCases,
  ) {}

  /** `refuse` runs once the opening is decided and before a number is taken: a rule the decider cannot see (overlapping cases). */
  async open(details: OpeningDetails, actor: AuthenticatedActor, request: WriteRequest, refuse?: () => void): Promise<OpenedDispute> {
    const stream = disputeStreamId(details.disputeId);
    const result = await decideAndAppend(this.store, disputeCase, stream, this.command(details, actor), this.openingContext(actor, request, refuse));
    return this.opened(details.disputeId, result);
  }

  /**
   * Converts a record into a case, each stream read once and each command decided once: the case
   * (nothing written yet, so bad details are refused first), then the conversion recorded on the
   * record at the version read (of two concurrent conversions only one gets past this), then the
   * case opened. Like any opening, a case whose employer has an open case with a claimant in
   * common is a 409 naming it unless `confirmDuplicate` (checked once both are decided, before
   * anything is written). A conversion cut short between the two appends is finished by the next
   * try, with or without its Idempotency-Key: the record names the case's id already, and the case
   * is opened then (the If-Match the client sent is about the version before the conversion).
   */
  async convert<Command extends { now: Date; actor: { id: string; role: string } }, Event extends DomainEvent, State, Loaded extends State>(
    conversion: Conversion<Command, Event, State, Loaded>,
    actor: AuthenticatedActor,
    request: WriteRequest,
  ): Promise<OpenedDispute & { record: Written }> {
    const { records, disputeId } = conversion;
    const recordStream = records.streamOf(conversion.id);
    const disputeStream = disputeStreamId(disputeId);
    const recordContext = writeContext(actor, request);
    const openingContext = this.openingContext(actor, { idempotencyKey: request.idempotencyKey });
    return retryingConflicts(recordContext, async () => {
      const source = await loadState(this.store, records.decider, recordStream);
      const record = records.visibleIn(source.state, actor);
      const { source: origin, ...drawn } = conversion.details(record);
      // Drawn from a record and the request, not from a request alone: checked as a request's would be.
      const fields = parseFields(disputeOpeningSchema, drawn);
      const dispute = await loadState(this.store, disputeCase, disputeStream);
      const replayed = isReplay(openingContext, disputeStream, dispute);
      const opensNow = dispute.version === 0 && !replayed;
      // A read model and the candidates' streams, checked against and never written: the same rule as opening a case.
      const overlaps = opensNow ? await this.overlapping.find(fields.employer.creditCode, fields.claimants, disputeId) : [];
      const opening = this.command(
        { ...fields, source: origin, disputeId, confirmedDuplicateOf: overlaps.map((o) => o.id), mediatorId: conversion.mediatorId },
        actor,
      );
      // A case on record already (and no replay) is a finished conversion: the record's own decider refuses it first.
      let decided: Decision<DisputeEvent, DisputeCaseState> | undefined =
        dispute.version === 0 || replayed ? decideOn(disputeCase, disputeStream, dispute, opening, openingContext) : undefined;
      const unfinished = conversion.convertedTo(record) === disputeId && dispute.version === 0;
      const converting =
        !unfinished && !replayed ? decideOn(records.decider, recordStream, source, records.commandOf(conversion.command, actor), recordContext) : undefined;
      // Both decided and nothing written: refused input is refused first, so a 409 is about a case that could otherwise open.
      if (opensNow) refuseUnconfirmedOverlap(overlaps, fields.employer.name, conversion.confirmDuplicate);
      const recordVersion = converting ? (await appendDecision(this.store, records.decider, converting, recordContext)).version : source.version;
      decided ??= decideOn(disputeCase, disputeStream, dispute, opening, openingContext);
      const result = await appendDecision(this.store, disputeCase, decided, openingContext);
      return { ...this.opened(disputeId, result), record: { id: conversion.id, version: recordVersion } };
    });
  }

  private openingContext(actor: AuthenticatedActor, request: WriteRequest, refuse?: () => void): WriteContext {
    return {
      ...writeContext(actor, request),
      beforeAppend: async (events) => {
        refuse?.();
        return Promise.all(events.map((event) => (event.type === 'DisputeOpened' ? this.numbered(event as DisputeEvent, actor) : event)));
      },
    };
  }

  /** The opening with its case number, for its sub-district and the year of its openedOn; a retry for the same case gets the same number. */
  private async numbered(event: DisputeEvent, actor: AuthenticatedActor): Promise<DisputeEvent> {
    const data = event.data as DisputeOpenedData;
    const caseNo = await this.caseNumbers.allocate(data.disputeId, data.subDistrict, Number(data.openedOn.slice(0, 4)), domainActor(actor));
    return { ...event, data: { ...data, caseNo } } as DisputeEvent;
  }

  private opened(disputeId: string, result: DecisionResult<DisputeEvent, DisputeCaseState>): OpenedDispute {
    // On a replay the stream's own number is the answer (it is the same one).
    return { id: disputeId, caseNo: (result.state as DisputeCase).caseNo, version: result.version };
  }

  private command(details: OpeningDetails, actor: AuthenticatedActor): OpenDispute {
    return { ...details, type: 'OpenDispute', caseNo: CASE_NO_TO_BE_ALLOCATED, now: this.clock.now(), actor: domainActor(actor) };
  }
}
