import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RecordedEvent } from '@lc/event-store';
import { isPersonErased, PERSON_STREAM_PREFIX } from '@lc/personal-data';
import { Projection, RegisterProjection, StatementBatch } from '@lc/projections';
import { ERASED, maskPhone } from '@lc/reference-data';
import { ALERT_STREAM_PREFIX, AlertSubmittedData } from '../alert/alert.decider';
import { INFORMANT_EVENT_TYPES, INFORMANT_STREAM_PREFIX, InformantEvent } from '../informant/informant.decider';
import { InformantView } from './informant.view';

/** The registry, and each informant's reporting (coverage: who reported online at least once). */
@Injectable()
@RegisterProjection()
export class InformantsProjection implements Projection {
  readonly name = 'informants';
  readonly filter = {
    streamPrefixes: [INFORMANT_STREAM_PREFIX, ALERT_STREAM_PREFIX, PERSON_STREAM_PREFIX],
    eventTypes: [...INFORMANT_EVENT_TYPES, 'AlertSubmitted', 'PersonErased'],
  };
  readonly tables = ['informants', 'informant_activity'];
  // An erasure finds the person's informants.
  readonly indexesReadWhileApplying = ['informants_person'];

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    // Every write of the batch in a few round trips (nothing here reads between writes).
    const batch = new StatementBatch(tx);
    for (const recorded of events) {
      if (isPersonErased(recorded)) {
        // What is held must reach the table first: the erasure applies to the rows as they are by now.
        await batch.flush();
        await tx.getRepository(InformantView).update({ personId: recorded.data.personId }, { name: ERASED, phone: ERASED });
        continue;
      }
      if (recorded.type === 'AlertSubmitted') {
        const { informantId, submittedAt } = recorded.data as unknown as AlertSubmittedData;
        batch.add(
          `INSERT INTO informant_activity (informant_id, alerts_submitted, last_alert_at) VALUES ($1, 1, $2)
           ON CONFLICT (informant_id) DO UPDATE
             SET alerts_submitted = informant_activity.alerts_submitted + 1,
                 last_alert_at = GREATEST(informant_activity.last_alert_at, EXCLUDED.last_alert_at)`,
          [informantId, new Date(submittedAt)],
        );
        continue;
      }
      const event = { type: recorded.type, data: recorded.data } as InformantEvent;
      const id = recorded.streamId.slice(INFORMANT_STREAM_PREFIX.length);
      const touched = { updatedAt: recorded.recordedAt, version: recorded.streamVersion };
      switch (event.type) {
        case 'InformantRegistered': {
          const d = event.data;
          batch.insert(InformantView, {
            id,
            name: d.name,
            phone: maskPhone(d.phone),
            personId: (d as { personId?: string }).personId ?? null,
            subDistrict: d.subDistrict,
            enterprises: d.enterprises,
            enterpriseCount: d.enterprises.length,
            active: true,
            deactivationReason: null,
            registeredAt: recorded.recordedAt,
            ...touched,
          });
          break;
        }
        case 'InformantEnterprisesChanged':
          batch.update(InformantView, id, { enterprises: event.data.enterprises, enterpriseCount: event.data.enterprises.length, ...touched });
          break;
        case 'InformantDeactivated':
          batch.update(InformantView, id, { active: false, deactivationReason: event.data.reason ?? null, ...touched });
          break;
      }
    }
    await batch.flush();
  }
}
