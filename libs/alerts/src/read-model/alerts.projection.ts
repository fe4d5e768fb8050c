import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { shanghaiDate } from '@lc/decider';
import { RecordedEvent } from '@lc/event-store';
import { Projection, RegisterProjection, StatementBatch } from '@lc/projections';
import { ALERT_STREAM_PREFIX, AlertEvent } from '../alert/alert.decider';
import { AlertView } from './alert.view';

@Injectable()
@RegisterProjection()
export class AlertsProjection implements Projection {
  readonly name = 'alerts';
  readonly filter = { streamPrefixes: [ALERT_STREAM_PREFIX] };
  readonly tables = ['alerts'];

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    // Every write of the batch in a few round trips (nothing here reads between writes).
    const batch = new StatementBatch(tx);
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as AlertEvent;
      const id = recorded.streamId.slice(ALERT_STREAM_PREFIX.length);
      const touched = { updatedAt: recorded.recordedAt, version: recorded.streamVersion };
      switch (event.type) {
        case 'AlertSubmitted': {
          const d = event.data;
          batch.insert(AlertView, {
            id,
            status: 'submitted',
            grade: null,
            points: null,
            breakdown: null,
            weightsVersion: null,
            informantId: d.informantId,
            enterpriseName: d.enterprise.name,
            enterpriseCreditCode: d.enterprise.creditCode,
            subDistrict: d.subDistrict,
            signals: d.signals,
            workersAffected: d.workersAffected,
            description: d.description,
            observedAt: new Date(d.observedAt),
            location: d.location ?? null,
            submittedAt: new Date(d.submittedAt),
            submittedOn: shanghaiDate(new Date(d.submittedAt)),
            pickupDeadlineAt: null,
            acknowledgedAt: null,
            acknowledgedBy: null,
            verifiedAt: null,
            verificationNote: null,
            dismissedAt: null,
            dismissalReason: null,
            escalated: false,
            escalatedAt: null,
            escalationReason: null,
            convertedAt: null,
            disputeId: null,
            recordedAt: recorded.recordedAt,
            ...touched,
          });
          break;
        }
        case 'AlertGraded': {
          const d = event.data;
          batch.update(AlertView, id, {
            grade: d.grade,
            points: d.points,
            breakdown: d.breakdown,
            weightsVersion: d.weightsVersion,
            pickupDeadlineAt: d.pickupDeadlineAt ? new Date(d.pickupDeadlineAt) : null,
            ...touched,
          });
          break;
        }
        case 'AlertAcknowledged':
          batch.update(AlertView, id, { status: 'acknowledged', acknowledgedAt: new Date(event.data.acknowledgedAt), acknowledgedBy: event.data.by, ...touched });
          break;
        case 'AlertVerified':
          batch.update(AlertView, id, { status: 'verified', verifiedAt: new Date(event.data.verifiedAt), verificationNote: event.data.note ?? null, ...touched });
          break;
        case 'AlertDismissed':
          batch.update(AlertView, id, { status: 'dismissed', dismissedAt: new Date(event.data.dismissedAt), dismissalReason: event.data.reason, ...touched });
          break;
        case 'AlertEscalated':
          // The first escalation is the one that counts for "how fast"; later ones keep it.
          batch.add(
            `UPDATE alerts SET escalated = true, escalated_at = COALESCE(escalated_at, $2), escalation_reason = COALESCE(escalation_reason, $3),
                    updated_at = $4, version = $5 WHERE id = $1`,
            [id, new Date(event.data.escalatedAt), event.data.reason, recorded.recordedAt, recorded.streamVersion],
          );
          break;
        case 'AlertConverted':
          batch.update(AlertView, id, { status: 'converted', convertedAt: new Date(event.data.convertedAt), disputeId: event.data.disputeId, ...touched });
          break;
        default:
          // An event another part of the system appended to the stream: the version moves all the same.
          batch.update(AlertView, id, touched);
      }
    }
    await batch.flush();
  }
}
