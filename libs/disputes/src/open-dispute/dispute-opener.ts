import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@lc/decider';
import { decideAndAppend, EVENT_STORE, EventStore } from '@lc/event-store';
import { AuthenticatedActor, WriteRequest, domainActor, writeContext } from '@lc/http';
import { CaseNumberAllocator } from '../case-numbers/case-number-allocator';
import { DisputeCase, DisputeOpenedData, OpenDispute, disputeCase, disputeStreamId, openingDate } from '../dispute-case/dispute-case.decider';

/** What opening a case needs besides its number (allocated here) and the time and actor. */
export type OpeningDetails = Omit<OpenDispute, 'type' | 'caseNo' | 'now' | 'actor'>;

export interface OpenedDispute {
  id: string;
  caseNo: string;
  version: number;
}

/** Stands in for the case number while the command is checked: the decider only needs one to be there. */
const CASE_NO_TO_BE_ALLOCATED = 'to-be-allocated';

/**
 * Opens a dispute case, for every way a case comes to be (a mediator opening one, a complaint or
 * an alert converted). Safe to repeat for the same disputeId: the same number, no second opening.
 */
@Injectable()
export class DisputeOpener {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly caseNumbers: CaseNumberAllocator,
  ) {}

  /** Throws what the decider would refuse; appends nothing. */
  check(details: OpeningDetails, actor: AuthenticatedActor): void {
    disputeCase.decide(this.command(details, CASE_NO_TO_BE_ALLOCATED, actor), disputeCase.initialState());
  }

  async open(details: OpeningDetails, actor: AuthenticatedActor, request: WriteRequest): Promise<OpenedDispute> {
    // Refused requests must not use up a case number.
    this.check(details, actor);
    const stream = disputeStreamId(details.disputeId);
    // A case opened already (this is a retry) keeps its number; decideAndAppend then tells a replay from a clash.
    const [opening] = await this.store.readStream(stream, { maxCount: 1 });
    const caseNo = opening
      ? (opening.data as unknown as DisputeOpenedData).caseNo
      : await this.caseNumbers.allocate(
          details.disputeId,
          details.subDistrict,
          Number(openingDate(details.openedOn, this.clock.now()).slice(0, 4)),
          domainActor(actor),
        );
    const result = await decideAndAppend(this.store, disputeCase, stream, this.command(details, caseNo, actor), writeContext(actor, request));
    // On a replay the stream's own number is the answer (it is the same one).
    return { id: details.disputeId, caseNo: (result.state as DisputeCase).caseNo, version: result.version };
  }

  private command(details: OpeningDetails, caseNo: string, actor: AuthenticatedActor): OpenDispute {
    return { ...details, type: 'OpenDispute', caseNo, now: this.clock.now(), actor: domainActor(actor) };
  }
}
