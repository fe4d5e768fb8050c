import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RecordedEvent } from '@lc/event-store';
import { isPersonErased, personsIn } from '@lc/personal-data';
import { Projection, RegisterProjection, StatementBatch } from '@lc/projections';
import { EVIDENCE_ATTACHED, EVIDENCE_REMOVED } from '../evidence/evidence.decider';
import { EVIDENCE_STORAGE, EvidenceStorage } from '../storage/evidence-storage.port';

/** The events that name persons on a record that keeps evidence. */
const NAMING_PERSONS = ['DisputeOpened', 'MediationReferred'];

/**
 * Evidence of an erased person goes with them (PIPL art. 47). "Their evidence" is every file on a
 * record that names them as a party: a dispute case where they are a claimant, a mediation where
 * they are a worker, an alert they submitted as an informant. The files of a group case go with
 * any one of its claimants (pay slips and rosters name them all); the mediator uploads again what
 * the case still needs. Files attached after the erasure stay (whoever attached them knew).
 *
 * Kept in global order from the events themselves (which records name whom, which files each
 * holds), not from other read models that may be behind. On PersonErased the files' bytes are
 * deleted from the storage and the erasure is remembered (download: 410, list: erased). Every
 * EvidenceRemoved deletes its bytes too, so a removal that crashed before deleting heals here.
 * Deleting is idempotent, so a replay or a rebuild does no harm.
 */
@Injectable()
@RegisterProjection()
export class EvidenceErasuresProjection implements Projection {
  readonly name = 'evidence-erasures';
  readonly filter = { eventTypes: [...NAMING_PERSONS, 'InformantRegistered', 'AlertSubmitted', EVIDENCE_ATTACHED, EVIDENCE_REMOVED, 'PersonErased'] };
  readonly tables = ['evidence_record_persons', 'evidence_informant_persons', 'evidence_record_files', 'evidence_erasures'];
  // An erasure finds the files of the person's records by stream.
  readonly indexesReadWhileApplying = ['evidence_record_files_stream'];
  // Person ids only (stored in clear beside the sealed fields).
  readonly readsPersonalData = false as const;

  constructor(@Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage) {}

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    // Every write of the batch in a few round trips; the one read between writes (an erasure's
    // files) sends what is held first. Informants' persons are read once for the batch.
    const batch = new StatementBatch(tx);
    const named = new RecordPersons(batch);
    const informants = await this.informantPersons(events, tx);
    for (const event of events) {
      const data = event.data;
      if (NAMING_PERSONS.includes(event.type)) {
        for (const person of personsIn(event.type, data)) {
          if (typeof person.personId === 'string') named.add(event.streamId, person.personId);
        }
      } else if (event.type === 'InformantRegistered') {
        if (typeof data.personId === 'string' && typeof data.informantId === 'string') {
          batch.add(
            `INSERT INTO evidence_informant_persons (informant_id, person_id) VALUES ($1, $2) ON CONFLICT (informant_id) DO UPDATE SET person_id = EXCLUDED.person_id`,
            [data.informantId, data.personId],
          );
          informants.set(data.informantId, data.personId);
        }
      } else if (event.type === 'AlertSubmitted') {
        const person = informants.get(String(data.informantId));
        if (person !== undefined) named.add(event.streamId, person);
      } else if (event.type === EVIDENCE_ATTACHED) {
        batch.add(`INSERT INTO evidence_record_files (file_id, stream_id) VALUES ($1, $2) ON CONFLICT (file_id) DO UPDATE SET removed = false`, [
          data.fileId,
          event.streamId,
        ]);
      } else if (event.type === EVIDENCE_REMOVED) {
        batch.add(`UPDATE evidence_record_files SET removed = true WHERE file_id = $1`, [data.fileId]);
        await this.storage.delete(String(data.fileId));
      } else if (isPersonErased(event)) {
        named.write();
        await batch.flush();
        await this.erase(event, batch, tx);
      }
    }
    named.write();
    await batch.flush();
  }

  /** The person of each informant that the batch's alerts name, as the table holds them before the batch. */
  private async informantPersons(events: RecordedEvent[], tx: EntityManager): Promise<Map<string, string>> {
    const ids = [...new Set(events.filter((e) => e.type === 'AlertSubmitted').map((e) => String(e.data.informantId)))];
    if (ids.length === 0) return new Map();
    const rows = (await tx.query(`SELECT informant_id, person_id FROM evidence_informant_persons WHERE informant_id = ANY($1::text[])`, [ids])) as Array<{
      informant_id: string;
      person_id: string;
    }>;
    return new Map(rows.map((r) => [r.informant_id, r.person_id]));
  }

  /** The erased person's files go: their bytes deleted, the erasure remembered. */
  private async erase(event: RecordedEvent & { data: { personId: string } }, batch: StatementBatch, tx: EntityManager): Promise<void> {
    const files = (await tx.query(
      `SELECT f.file_id::text AS file_id, f.stream_id FROM evidence_record_files f
         JOIN evidence_record_persons p ON p.stream_id = f.stream_id
        WHERE p.person_id = $1 AND NOT f.removed`,
      [event.data.personId],
    )) as Array<{ file_id: string; stream_id: string }>;
    for (const file of files) {
      await this.storage.delete(file.file_id);
      batch.add(`INSERT INTO evidence_erasures (file_id, stream_id, person_id, erased_at) VALUES ($1, $2, $3, $4) ON CONFLICT (file_id) DO NOTHING`, [
        file.file_id,
        file.stream_id,
        event.data.personId,
        new Date(String(event.data.erasedAt ?? event.recordedAt.toISOString())),
      ]);
    }
  }
}

/**
 * Who each record names, written as one statement for many (a rebuild of 200,000 events sent
 * 40,000 one-row inserts). Rows are only ever added, so they may wait until before the next read
 * of the table (an erasure's) or the end of the batch.
 */
class RecordPersons {
  private streams: string[] = [];
  private persons: string[] = [];

  constructor(private readonly batch: StatementBatch) {}

  add(streamId: string, personId: string): void {
    this.streams.push(streamId);
    this.persons.push(personId);
  }

  write(): void {
    if (this.streams.length === 0) return;
    this.batch.add(
      `INSERT INTO evidence_record_persons (stream_id, person_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
      [this.streams, this.persons],
    );
    this.streams = [];
    this.persons = [];
  }
}
