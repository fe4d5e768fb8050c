import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { addDays } from '@lc/decider';
import { RecordedEvent } from '@lc/event-store';
import { betweenErasures, erasePersonInList, PERSON_STREAM_PREFIX } from '@lc/personal-data';
import { foldRows, Projection, RegisterProjection, RowFold } from '@lc/projections';
import { MEDIATION_STREAM_PREFIX, MediationEvent, judicialConfirmationDeadline, mediationDeadline } from '../mediation/mediation.decider';
import { maskWorker } from '../shared/personal-data';
import { MediationView } from './mediation.view';

@Injectable()
@RegisterProjection()
export class MediationsProjection implements Projection {
  readonly name = 'mediations';
  // person-: erasures, which blank a person's name, ID number and phone among the workers.
  readonly filter = { streamPrefixes: [MEDIATION_STREAM_PREFIX, PERSON_STREAM_PREFIX] };
  readonly tables = ['mediations'];
  // An erasure finds the mediations that name the person (erasePersonInList).
  readonly indexesReadWhileApplying = ['mediations_workers'];

  /**
   * Each mediation a batch touches is read once and written once (foldRows): an UPDATE an event
   * was a new row version in every index, the GIN index of workers included. An erasure splits
   * the batch: the rows reach the table first, as they are by then.
   */
  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    await betweenErasures(
      events,
      (segment) => foldRows(tx, MEDIATION_ROWS, segment),
      (personId) => erasePersonInList(tx, 'mediations', 'workers', 'worker_names', personId),
    );
  }
}

/** Mediation rows from their streams' events. */
const MEDIATION_ROWS: RowFold<MediationView> = {
  entity: MediationView,
  idOf: (recorded) => recorded.streamId.slice(MEDIATION_STREAM_PREFIX.length),
  create: (id, recorded) => (recorded.type === 'MediationReferred' ? referredRow(id, recorded) : undefined),
  evolve: evolveRow,
};

function referredRow(id: string, recorded: RecordedEvent): MediationView {
  const d = (recorded.data as unknown as Extract<MediationEvent, { type: 'MediationReferred' }>['data']);
  return {
    id,
    court: d.court,
    courtCaseNo: d.courtCaseNo,
    status: d.mediatorId ? 'in_progress' : 'referred',
    subDistrict: d.subDistrict,
    category: d.category,
    employerName: d.employer.name,
    employerCreditCode: d.employer.creditCode,
    workers: d.workers.map(maskWorker),
    workerNames: d.workers.map((w) => w.name).join(' '),
    workersCount: d.workers.length,
    claimAmountFen: d.claimAmountFen,
    referredOn: d.referredOn,
    mediatorId: d.mediatorId ?? null,
    sessionsHeld: 0,
    lastSessionOn: null,
    extraDays: 0,
    deadlineOn: mediationDeadline({ referredOn: d.referredOn, extraDays: 0 }),
    agreedOn: null,
    amountWonFen: null,
    judicialConfirmation: 'not_applied',
    judicialConfirmationAppliedOn: null,
    judicialConfirmationDecidedOn: null,
    judicialConfirmationDeadlineOn: null,
    failedOn: null,
    withdrawnOn: null,
    endedOn: null,
    recordedAt: recorded.recordedAt,
    updatedAt: recorded.recordedAt,
    version: recorded.streamVersion,
  };
}

/** One event's change to its mediation's row. Every change moves updated_at and version. */
function evolveRow(row: MediationView, recorded: RecordedEvent): void {
  const event = { type: recorded.type, data: recorded.data } as MediationEvent;
  row.updatedAt = recorded.recordedAt;
  row.version = recorded.streamVersion;
  const started = () => {
    if (row.status === 'referred') row.status = 'in_progress';
  };
  switch (event.type) {
    case 'MediationMediatorAssigned':
      row.mediatorId = event.data.mediatorId;
      started();
      break;
    case 'MediationSessionHeld':
      row.sessionsHeld += 1;
      // GREATEST: a session recorded late does not move the last one back.
      if (row.lastSessionOn === null || event.data.heldOn > row.lastSessionOn) row.lastSessionOn = event.data.heldOn;
      started();
      break;
    case 'MediationExtended':
      // Extended once (the decider says so): the deadline moves back by exactly these days.
      row.extraDays += event.data.extraDays;
      row.deadlineOn = addDays(row.deadlineOn, event.data.extraDays);
      break;
    case 'MediationAgreementReached':
      Object.assign(row, {
        status: 'agreed',
        agreedOn: event.data.agreedOn,
        endedOn: event.data.agreedOn,
        amountWonFen: event.data.amountFen,
        judicialConfirmationDeadlineOn: judicialConfirmationDeadline({ agreedOn: event.data.agreedOn }),
      });
      break;
    case 'JudicialConfirmationApplied':
      Object.assign(row, { judicialConfirmation: 'applied', judicialConfirmationAppliedOn: event.data.on });
      break;
    case 'JudicialConfirmationGranted':
      Object.assign(row, { judicialConfirmation: 'granted', judicialConfirmationDecidedOn: event.data.on });
      break;
    case 'JudicialConfirmationRefused':
      Object.assign(row, { judicialConfirmation: 'refused', judicialConfirmationDecidedOn: event.data.on });
      break;
    case 'MediationFailed':
      Object.assign(row, { status: 'failed', failedOn: event.data.failedOn, endedOn: event.data.failedOn });
      break;
    case 'MediationWithdrawn':
      Object.assign(row, { status: 'withdrawn', withdrawnOn: event.data.withdrawnOn, endedOn: event.data.withdrawnOn });
      break;
    default:
    // The statutory clocks append to mediation streams too: the version moves all the same,
    // or a client taking it from the list for If-Match would always be refused.
  }
}
