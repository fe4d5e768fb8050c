import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RecordedEvent } from '@lc/event-store';
import { betweenErasures, erasePersonInList, PERSON_STREAM_PREFIX } from '@lc/personal-data';
import { foldRows, Projection, RegisterProjection, RowFold } from '@lc/projections';
import { DISPUTE_STREAM_PREFIX, DisputeEvent } from '../dispute-case/dispute-case.decider';
import { maskClaimant } from '../shared/personal-data';
import { DisputeCaseView } from './dispute-case.view';

@Injectable()
@RegisterProjection()
export class DisputeCasesProjection implements Projection {
  readonly name = 'dispute-cases';
  // person-: erasures, which blank a person's name, ID number and phone among the claimants.
  readonly filter = { streamPrefixes: [DISPUTE_STREAM_PREFIX, PERSON_STREAM_PREFIX] };
  readonly tables = ['dispute_cases'];
  // An erasure finds the cases that name the person (erasePersonInList).
  readonly indexesReadWhileApplying = ['dispute_cases_claimants'];

  /**
   * Each case a batch touches is read once and written once (foldRows): an UPDATE an event was a
   * new row version in every index, the GIN index of claimants included. An erasure splits the
   * batch: the rows reach the table first, as they are by then.
   */
  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    await betweenErasures(
      events,
      (segment) => foldRows(tx, DISPUTE_CASE_ROWS, segment),
      (personId) => erasePersonInList(tx, 'dispute_cases', 'claimants', 'claimant_names', personId),
    );
  }
}

/** Dispute case rows from their streams' events. */
const DISPUTE_CASE_ROWS: RowFold<DisputeCaseView> = {
  entity: DisputeCaseView,
  idOf: (recorded) => recorded.streamId.slice(DISPUTE_STREAM_PREFIX.length),
  create: (id, recorded) => (recorded.type === 'DisputeOpened' ? openedRow(id, recorded) : undefined),
  evolve: evolveRow,
};

function openedRow(id: string, recorded: RecordedEvent): DisputeCaseView {
  const d = recorded.data as unknown as Extract<DisputeEvent, { type: 'DisputeOpened' }>['data'];
  return {
    id,
    caseNo: d.caseNo,
    status: 'open',
    channel: d.channel,
    subDistrict: d.subDistrict,
    category: d.category,
    employerName: d.employer.name,
    employerCreditCode: d.employer.creditCode,
    workersInvolved: d.workersInvolved,
    groupDispute: false,
    amountClaimedFen: d.amountClaimedFen,
    amountRecoveredFen: 0,
    summary: d.summary,
    claimants: d.claimants.map(maskClaimant),
    claimantNames: d.claimants.map((c) => c.name).join(' '),
    openedOn: d.openedOn,
    mediatorId: d.mediatorId ?? null,
    stepsLogged: 0,
    resolvedOn: null,
    outcome: null,
    timesReopened: 0,
    sourceKind: d.source?.kind ?? null,
    sourceId: d.source?.id ?? null,
    recordedAt: recorded.recordedAt,
    updatedAt: recorded.recordedAt,
    version: recorded.streamVersion,
  };
}

/** One event's change to its case's row. Every change moves updated_at and version. */
function evolveRow(row: DisputeCaseView, recorded: RecordedEvent): void {
  const event = { type: recorded.type, data: recorded.data } as DisputeEvent;
  row.updatedAt = recorded.recordedAt;
  row.version = recorded.streamVersion;
  switch (event.type) {
    case 'GroupDisputeFlagged':
      row.groupDispute = true;
      break;
    case 'WorkersInvolvedChanged':
      row.workersInvolved = event.data.workersInvolved;
      break;
    case 'MediatorAssigned':
      row.mediatorId = event.data.mediatorId;
      break;
    case 'StepLogged':
      row.stepsLogged += 1;
      break;
    case 'RecoveryRecorded':
      row.amountRecoveredFen += event.data.amountFen;
      break;
    case 'DisputeResolved':
      Object.assign(row, { status: 'resolved', outcome: event.data.outcome, resolvedOn: event.data.resolvedOn });
      break;
    case 'DisputeReopened':
      Object.assign(row, { status: 'open', outcome: null, resolvedOn: null, timesReopened: row.timesReopened + 1 });
      break;
    default:
    // Others append to case streams too (the statutory clocks): the version moves all the same,
    // or a client taking it from the list for If-Match would always be refused.
  }
}
