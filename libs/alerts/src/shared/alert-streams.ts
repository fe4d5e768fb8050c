import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK, DomainError } from '@lc/decider';
import { EVENT_STORE, EventStore, loadState } from '@lc/event-store';
import { ScopedStreams } from '@lc/http';
import { AuthenticatedActor } from '@lc/access';
import { Alert, AlertCommand, AlertEvent, AlertState, alert, alertStreamId } from '../alert/alert.decider';

/** Alerts, each seen by the union staff of its sub-district. */
@Injectable()
export class AlertStreams extends ScopedStreams<AlertCommand, AlertEvent, AlertState, Alert> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(CLOCK) clock: Clock) {
    super(
      store,
      clock,
      alert,
      alertStreamId,
      (state) => (state.status === 'not_submitted' ? undefined : state),
      (record) => ({ subDistrict: record.subDistrict }),
      'No such alert',
    );
  }

  /** An informant's own alert; anyone else's is answered as if it did not exist. */
  async loadOwn(alertId: string, actor: AuthenticatedActor): Promise<{ record: Alert; version: number }> {
    const { state, version } = await loadState(this.store, alert, alertStreamId(alertId));
    if (state.status === 'not_submitted' || state.informantId !== actor.id) throw new DomainError('not_found', 'No such alert');
    return { record: state, version };
  }
}
