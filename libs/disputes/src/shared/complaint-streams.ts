import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@lc/decider';
import { EVENT_STORE, EventStore } from '@lc/event-store';
import { Complaint, ComplaintCommand, ComplaintEvent, ComplaintState, complaint, complaintStreamId } from '../complaint/complaint.decider';
import { ScopedStreams } from '@lc/http';

/** Complaints, each seen by those of its sub-district. */
@Injectable()
export class ComplaintStreams extends ScopedStreams<ComplaintCommand, ComplaintEvent, ComplaintState, Complaint> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(CLOCK) clock: Clock) {
    super(
      store,
      clock,
      complaint,
      complaintStreamId,
      (state) => (state.status === 'not_received' ? undefined : state),
      (item) => ({ subDistrict: item.subDistrict }),
      'No such complaint',
    );
  }
}
