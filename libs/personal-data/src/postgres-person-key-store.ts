import { randomUUID } from 'node:crypto';
import { MasterKey, newPersonKey } from './cipher';
import { PersonKey, PersonKeyStore, PersonRequest } from './person-key-store';

/** Anything that runs a parameterised query and returns its rows (a pg Pool, a TypeORM DataSource or QueryRunner). */
export type Query = <Row = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<Row[]>;

interface KeyRow {
  person_id: string;
  identity_digest: Buffer | null;
  wrapped_key: Buffer;
}

/**
 * Person keys in PostgreSQL (tables person_keys, person_lookups, person_erasures), each wrapped
 * under the master key from the environment: a copy of the database alone opens nothing.
 */
export class PostgresPersonKeyStore implements PersonKeyStore {
  constructor(
    private readonly query: Query,
    private readonly master: MasterKey,
  ) {}

  async obtain(requests: PersonRequest[]): Promise<PersonKey[]> {
    if (requests.length === 0) return [];
    const fresh = requests.map(() => {
      const personId = randomUUID();
      const key = newPersonKey();
      return { personId, key, wrapped: this.master.wrap(personId, key) };
    });
    // New persons go in; an identity already known keeps its person (the unique digest refuses the copy).
    const inserted = await this.query<{ person_id: string }>(
      `INSERT INTO person_keys (person_id, identity_digest, wrapped_key, master_key_id)
       SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::bytea[], $4::text[])
       ON CONFLICT (identity_digest) DO NOTHING
       RETURNING person_id`,
      [fresh.map((f) => f.personId), requests.map((r) => r.identity), fresh.map((f) => f.wrapped), fresh.map(() => this.master.id)],
    );
    const insertedIds = new Set(inserted.map((r) => r.person_id));
    const byIdentity = new Map<string, PersonKey>();
    const missing = requests.filter((r, i) => r.identity && !insertedIds.has(fresh[i].personId)).map((r) => r.identity as Buffer);
    if (missing.length) {
      // A separate statement: under READ COMMITTED it sees a row another transaction committed meanwhile.
      const rows = await this.query<KeyRow>(
        `SELECT person_id, identity_digest, wrapped_key FROM person_keys WHERE identity_digest = ANY ($1::bytea[])`,
        [missing],
      );
      for (const row of rows) {
        byIdentity.set(row.identity_digest!.toString('hex'), { personId: row.person_id, key: this.master.unwrap(row.person_id, row.wrapped_key) });
      }
    }
    const result = requests.map((request, i) => {
      if (insertedIds.has(fresh[i].personId)) return { personId: fresh[i].personId, key: fresh[i].key };
      const known = byIdentity.get(request.identity!.toString('hex'));
      if (!known) throw new Error('a person was neither created nor found; retry');
      return known;
    });
    const lookups = requests.flatMap((request, i) => request.lookups.map((digest) => ({ digest, personId: result[i].personId })));
    if (lookups.length) {
      await this.query(
        `INSERT INTO person_lookups (digest, person_id)
         SELECT * FROM unnest($1::bytea[], $2::uuid[]) ON CONFLICT DO NOTHING`,
        [lookups.map((l) => l.digest), lookups.map((l) => l.personId)],
      );
    }
    return result;
  }

  async keysOf(personIds: string[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    if (personIds.length === 0) return found;
    const rows = await this.query<KeyRow>(`SELECT person_id, wrapped_key FROM person_keys WHERE person_id = ANY ($1::uuid[])`, [personIds]);
    for (const row of rows) found.set(row.person_id, this.master.unwrap(row.person_id, row.wrapped_key));
    return found;
  }

  async personsByLookup(digests: Buffer[]): Promise<string[]> {
    if (digests.length === 0) return [];
    const rows = await this.query<{ person_id: string }>(
      `SELECT DISTINCT person_id FROM person_lookups WHERE digest = ANY ($1::bytea[]) ORDER BY person_id`,
      [digests],
    );
    return rows.map((r) => r.person_id);
  }

  async destroy(personId: string, erasedAt: Date): Promise<void> {
    // One statement: the key and its lookups go, the erasure is remembered, or nothing happens.
    await this.query(
      `WITH gone AS (DELETE FROM person_keys WHERE person_id = $1)
       INSERT INTO person_erasures (person_id, erased_at) VALUES ($1, $2) ON CONFLICT (person_id) DO NOTHING`,
      [personId, erasedAt],
    );
  }

  async erasures(personIds: string[]): Promise<Map<string, Date>> {
    if (personIds.length === 0) return new Map();
    const rows = await this.query<{ person_id: string; erased_at: Date }>(
      `SELECT person_id, erased_at FROM person_erasures WHERE person_id = ANY ($1::uuid[])`,
      [personIds],
    );
    return new Map(rows.map((r) => [r.person_id, r.erased_at]));
  }
}
