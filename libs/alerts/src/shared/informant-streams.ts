import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@lc/decider';
import { EVENT_STORE, EventStore } from '@lc/event-store';
import { Informant, InformantCommand, InformantEvent, InformantState, informant, informantStreamId } from '../informant/informant.decider';
import { ScopedStreams } from '@lc/http';

/** Informants, each managed by the supervisors of their sub-district (and admins). */
@Injectable()
export class InformantStreams extends ScopedStreams<InformantCommand, InformantEvent, InformantState, Informant> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(CLOCK) clock: Clock) {
    super(
      store,
      clock,
      informant,
      informantStreamId,
      (state) => (state.status === 'not_registered' ? undefined : state),
      (record) => ({ subDistrict: record.subDistrict }),
      'No such informant',
    );
  }
}
