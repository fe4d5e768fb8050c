import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { shanghaiDate } from '@lc/decider';
import { RecordedEvent } from '@lc/event-store';
import { foldRows, Projection, RegisterProjection, RowFold } from '@lc/projections';
import { ALERT_STREAM_PREFIX, AlertEvent } from '../alert/alert.decider';
import { AlertView } from './alert.view';

@Injectable()
@RegisterProjection()
export class AlertsProjection implements Projection {
  readonly name = 'alerts';
  readonly filter = { streamPrefixes: [ALERT_STREAM_PREFIX] };
  readonly tables = ['alerts'];

  /**
   * Each alert a batch touches is read once and written once (foldRows), not one UPDATE an event:
   * every UPDATE was a new row version in every index of the table.
   */
  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    await foldRows(tx, ALERT_ROWS, events);
  }
}

/** Alert rows from their streams' events. */
const ALERT_ROWS: RowFold<AlertView> = {
  entity: AlertView,
  idOf: (recorded) => recorded.streamId.slice(ALERT_STREAM_PREFIX.length),
  create: (id, recorded) => (recorded.type === 'AlertSubmitted' ? submittedRow(id, recorded) : undefined),
  evolve: evolveRow,
};

function submittedRow(id: string, recorded: RecordedEvent): AlertView {
  const d = recorded.data as unknown as Extract<AlertEvent, { type: 'AlertSubmitted' }>['data'];
  return {
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
    updatedAt: recorded.recordedAt,
    version: recorded.streamVersion,
  };
}

/** One event's change to its alert's row. Every change moves updated_at and version. */
function evolveRow(row: AlertView, recorded: RecordedEvent): void {
  const event = { type: recorded.type, data: recorded.data } as AlertEvent;
  row.updatedAt = recorded.recordedAt;
  row.version = recorded.streamVersion;
  switch (event.type) {
    case 'AlertGraded': {
      const d = event.data;
      Object.assign(row, {
        grade: d.grade,
        points: d.points,
        breakdown: d.breakdown,
        weightsVersion: d.weightsVersion,
        pickupDeadlineAt: d.pickupDeadlineAt ? new Date(d.pickupDeadlineAt) : null,
      });
      break;
    }
    case 'AlertAcknowledged':
      Object.assign(row, { status: 'acknowledged', acknowledgedAt: new Date(event.data.acknowledgedAt), acknowledgedBy: event.data.by });
      break;
    case 'AlertVerified':
      Object.assign(row, { status: 'verified', verifiedAt: new Date(event.data.verifiedAt), verificationNote: event.data.note ?? null });
      break;
    case 'AlertDismissed':
      Object.assign(row, { status: 'dismissed', dismissedAt: new Date(event.data.dismissedAt), dismissalReason: event.data.reason });
      break;
    case 'AlertEscalated':
      // The first escalation is the one that counts for "how fast"; later ones keep it.
      row.escalated = true;
      row.escalatedAt ??= new Date(event.data.escalatedAt);
      row.escalationReason ??= event.data.reason;
      break;
    case 'AlertConverted':
      Object.assign(row, { status: 'converted', convertedAt: new Date(event.data.convertedAt), disputeId: event.data.disputeId });
      break;
    default:
    // An event another part of the system appended to the stream: the version moves all the same.
  }
}
