import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@lc/decider';
import { EVENT_STORE, EventStore } from '@lc/event-store';
import { Mediation, MediationCommand, MediationEvent, MediationState, mediation, mediationStreamId } from '../mediation/mediation.decider';
import { ScopedStreams } from '@lc/http';

/** Mediations, each seen by those of its sub-district and by its mediator. */
@Injectable()
export class MediationStreams extends ScopedStreams<MediationCommand, MediationEvent, MediationState, Mediation> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(CLOCK) clock: Clock) {
    super(
      store,
      clock,
      mediation,
      mediationStreamId,
      (state) => (state.status === 'not_referred' ? undefined : state),
      (record) => ({ subDistrict: record.subDistrict, assignedTo: record.mediatorId }),
      'No such mediation',
    );
  }
}
