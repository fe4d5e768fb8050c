import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RecordedEvent } from '@lc/event-store';
import { erasePersonInList, isPersonErased, PERSON_STREAM_PREFIX } from '@lc/personal-data';
import { Projection, RegisterProjection, StatementBatch } from '@lc/projections';
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

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    // Every write of the batch in a few round trips (nothing here reads between writes).
    const batch = new StatementBatch(tx);
    for (const recorded of events) {
      if (recorded.streamId.startsWith(PERSON_STREAM_PREFIX)) {
        if (isPersonErased(recorded)) {
          // What is held must reach the table first: the erasure applies to the rows as they are by now.
          await batch.flush();
          await erasePersonInList(tx, 'dispute_cases', 'claimants', 'claimant_names', recorded.data.personId);
        }
        continue;
      }
      const event = { type: recorded.type, data: recorded.data } as DisputeEvent;
      const id = recorded.streamId.slice(DISPUTE_STREAM_PREFIX.length);
      // Every change moves updated_at and version; `sets` adds the event's own columns from $4 on.
      const update = (sets: string, ...values: unknown[]) =>
        batch.add(`UPDATE dispute_cases SET updated_at = $2, version = $3${sets ? `, ${sets}` : ''} WHERE id = $1`, [
          id,
          recorded.recordedAt,
          recorded.streamVersion,
          ...values,
        ]);
      switch (event.type) {
        case 'DisputeOpened': {
          const d = event.data;
          batch.insert(DisputeCaseView, {
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
          });
          break;
        }
        case 'GroupDisputeFlagged':
          await update('group_dispute = true');
          break;
        case 'WorkersInvolvedChanged':
          await update('workers_involved = $4', event.data.workersInvolved);
          break;
        case 'MediatorAssigned':
          await update('mediator_id = $4', event.data.mediatorId);
          break;
        case 'StepLogged':
          await update('steps_logged = steps_logged + 1');
          break;
        case 'RecoveryRecorded':
          await update('amount_recovered_fen = amount_recovered_fen + $4', event.data.amountFen);
          break;
        case 'DisputeResolved':
          await update(`status = 'resolved', outcome = $4, resolved_on = $5`, event.data.outcome, event.data.resolvedOn);
          break;
        case 'DisputeReopened':
          await update(`status = 'open', outcome = NULL, resolved_on = NULL, times_reopened = times_reopened + 1`);
          break;
        default:
          // Others append to case streams too (the statutory clocks): the version moves all the same,
          // or a client taking it from the list for If-Match would always be refused.
          await update('');
      }
    }
    await batch.flush();
  }
}
