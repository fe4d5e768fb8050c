import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@lc/decider';
import { EVENT_STORE, EventStore } from '@lc/event-store';
import { DisputeCase, DisputeCaseState, DisputeCommand, DisputeEvent, disputeCase, disputeStreamId } from '../dispute-case/dispute-case.decider';
import { ScopedStreams } from '@lc/http';

/** Dispute cases, each seen by those of its sub-district and by its mediator. */
@Injectable()
export class DisputeStreams extends ScopedStreams<DisputeCommand, DisputeEvent, DisputeCaseState, DisputeCase> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(CLOCK) clock: Clock) {
    super(
      store,
      clock,
      disputeCase,
      disputeStreamId,
      (state) => (state.status === 'not_opened' ? undefined : state),
      (dispute) => ({ subDistrict: dispute.subDistrict, assignedTo: dispute.mediatorId }),
      'No such dispute case',
    );
  }
}
