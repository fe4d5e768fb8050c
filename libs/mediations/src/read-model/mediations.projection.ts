import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RecordedEvent } from '@lc/event-store';
import { erasePersonInList, isPersonErased, PERSON_STREAM_PREFIX } from '@lc/personal-data';
import { Projection, RegisterProjection, StatementBatch } from '@lc/projections';
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

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    // Every write of the batch in a few round trips (nothing here reads between writes).
    const batch = new StatementBatch(tx);
    for (const recorded of events) {
      if (recorded.streamId.startsWith(PERSON_STREAM_PREFIX)) {
        if (isPersonErased(recorded)) {
          // What is held must reach the table first: the erasure applies to the rows as they are by now.
          await batch.flush();
          await erasePersonInList(tx, 'mediations', 'workers', 'worker_names', recorded.data.personId);
        }
        continue;
      }
      const event = { type: recorded.type, data: recorded.data } as MediationEvent;
      const id = recorded.streamId.slice(MEDIATION_STREAM_PREFIX.length);
      // Every change moves updated_at and version; `sets` adds the event's own columns from $4 on.
      const update = (sets: string, ...values: unknown[]) =>
        batch.add(`UPDATE mediations SET updated_at = $2, version = $3${sets ? `, ${sets}` : ''} WHERE id = $1`, [
          id,
          recorded.recordedAt,
          recorded.streamVersion,
          ...values,
        ]);
      switch (event.type) {
        case 'MediationReferred': {
          const d = event.data;
          batch.insert(MediationView, {
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
          });
          break;
        }
        case 'MediationMediatorAssigned':
          await update(`mediator_id = $4, status = CASE WHEN status = 'referred' THEN 'in_progress' ELSE status END`, event.data.mediatorId);
          break;
        case 'MediationSessionHeld':
          await update(
            `sessions_held = sessions_held + 1, last_session_on = GREATEST(last_session_on, $4::date),
             status = CASE WHEN status = 'referred' THEN 'in_progress' ELSE status END`,
            event.data.heldOn,
          );
          break;
        case 'MediationExtended':
          // Extended once (the decider says so): the deadline moves back by exactly these days.
          await update('extra_days = extra_days + $4, deadline_on = deadline_on + $4::int', event.data.extraDays);
          break;
        case 'MediationAgreementReached':
          await update(
            `status = 'agreed', agreed_on = $4, ended_on = $4, amount_won_fen = $5, judicial_confirmation_deadline_on = $6`,
            event.data.agreedOn,
            event.data.amountFen,
            judicialConfirmationDeadline({ agreedOn: event.data.agreedOn }),
          );
          break;
        case 'JudicialConfirmationApplied':
          await update(`judicial_confirmation = 'applied', judicial_confirmation_applied_on = $4`, event.data.on);
          break;
        case 'JudicialConfirmationGranted':
          await update(`judicial_confirmation = 'granted', judicial_confirmation_decided_on = $4`, event.data.on);
          break;
        case 'JudicialConfirmationRefused':
          await update(`judicial_confirmation = 'refused', judicial_confirmation_decided_on = $4`, event.data.on);
          break;
        case 'MediationFailed':
          await update(`status = 'failed', failed_on = $4, ended_on = $4`, event.data.failedOn);
          break;
        case 'MediationWithdrawn':
          await update(`status = 'withdrawn', withdrawn_on = $4, ended_on = $4`, event.data.withdrawnOn);
          break;
        default:
          // The statutory clocks append to mediation streams too: the version moves all the same,
          // or a client taking it from the list for If-Match would always be refused.
          await update('');
      }
    }
    await batch.flush();
  }
}
