import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { shanghaiDate } from '@lc/decider';
import { RecordedEvent } from '@lc/event-store';
import { Projection, RegisterProjection, StatementBatch } from '@lc/projections';
import { COMPLAINT_STREAM_PREFIX, ComplaintEvent } from '../complaint/complaint.decider';
import { ComplaintView } from './complaint.view';

@Injectable()
@RegisterProjection()
export class ComplaintsProjection implements Projection {
  readonly name = 'complaints';
  readonly filter = { streamPrefixes: [COMPLAINT_STREAM_PREFIX] };
  readonly tables = ['complaints'];

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    // Every write of the batch in a few round trips (nothing here reads between writes).
    const batch = new StatementBatch(tx);
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as ComplaintEvent;
      const id = recorded.streamId.slice(COMPLAINT_STREAM_PREFIX.length);
      const touched = { updatedAt: recorded.recordedAt, version: recorded.streamVersion };
      // A mediator's action makes the complaint theirs (receiving, handling, converting).
      const byMediator = recorded.metadata.actorRole === 'mediator' && recorded.metadata.actorId ? { mediatorId: recorded.metadata.actorId } : {};
      switch (event.type) {
        case 'ComplaintReceived': {
          const d = event.data;
          batch.insert(ComplaintView, {
            id,
            status: 'received',
            source: d.source,
            workOrderNo: d.workOrderNo ?? null,
            subDistrict: d.subDistrict,
            employerName: d.employer?.name ?? null,
            employerCreditCode: d.employer?.creditCode ?? null,
            summary: d.summary,
            receivedAt: new Date(d.receivedAt),
            receivedOn: shanghaiDate(new Date(d.receivedAt)),
            handledOn: null,
            handlingNote: null,
            convertedOn: null,
            disputeId: null,
            mediatorId: null,
            ...byMediator,
            recordedAt: recorded.recordedAt,
            ...touched,
          });
          break;
        }
        case 'ComplaintHandled':
          batch.update(ComplaintView, id, { status: 'handled', handledOn: event.data.handledOn, handlingNote: event.data.note, ...byMediator, ...touched });
          break;
        case 'ComplaintConverted':
          batch.update(ComplaintView, id, { status: 'converted', convertedOn: event.data.convertedOn, disputeId: event.data.disputeId, ...byMediator, ...touched });
          break;
        default:
          // An event another part of the system appended to the stream: the version moves all the same.
          batch.update(ComplaintView, id, touched);
      }
    }
    await batch.flush();
  }
}
