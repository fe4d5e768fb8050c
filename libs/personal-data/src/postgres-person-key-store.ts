import { randomUUID } from 'node:crypto';
import { prepared } from '@lc/database';
import { MasterKey, newPersonKey } from './cipher';
import { PersonKey, PersonKeyStore, PersonRequest } from './person-key-store';

/** Every read of personal data opens its persons' keys: parsed once per connection (ADR 0020). */
const KEYS = prepared(`SELECT person_id, wrapped_key FROM person_keys WHERE person_id = ANY ($1::uuid[])`);

/** Anything that runs a parameterised query and returns its rows (a pg Pool, a TypeORM DataSource or QueryRunner). */
export type Query = <Row = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<Row[]>;

interface KeyRow {
  person_id: string;
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
    // One row per identity: the same person twice in one append (or in one event) is one person.
    const unique: PersonRequest[] = [];
    const slot = new Map<string, number>();
    const indexOf = requests.map((request) => {
      const identity = request.identity?.toString('hex');
      const known = identity === undefined ? undefined : slot.get(identity);
      if (known !== undefined) {
        unique[known] = { ...unique[known], lookups: [...unique[known].lookups, ...request.lookups] };
        return known;
      }
      unique.push(request);
      if (identity !== undefined) slot.set(identity, unique.length - 1);
      return unique.length - 1;
    });
    const fresh = unique.map(() => {
      const personId = randomUUID();
      const key = newPersonKey();
      return { personId, key, wrapped: this.master.wrap(personId, key) };
    });
    const lookups = unique.flatMap((request, i) => request.lookups.map((digest) => ({ digest, ord: i + 1 })));
    // One round trip: new persons go in (an identity already known keeps its person: the unique
    // digest refuses the copy), known ones are read, and the lookups are recorded for both.
    const rows = await this.query<{ ord: string; person_id: string | null; wrapped_key: Buffer | null }>(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::bytea[]) WITH ORDINALITY AS i(person_id, identity_digest, wrapped_key, ord)
       ), inserted AS (
         INSERT INTO person_keys (person_id, identity_digest, wrapped_key, master_key_id)
         SELECT person_id, identity_digest, wrapped_key, $4 FROM input
         ON CONFLICT (identity_digest) DO NOTHING
         RETURNING person_id
       ), resolved AS (
         SELECT i.ord, coalesce(ins.person_id, k.person_id) AS person_id,
                CASE WHEN ins.person_id IS NULL THEN k.wrapped_key END AS wrapped_key
           FROM input i
           LEFT JOIN inserted ins ON ins.person_id = i.person_id
           LEFT JOIN person_keys k ON ins.person_id IS NULL AND k.identity_digest = i.identity_digest
       ), recorded AS (
         INSERT INTO person_lookups (digest, person_id)
         SELECT l.digest, r.person_id FROM unnest($5::bytea[], $6::int[]) AS l(digest, ord) JOIN resolved r ON r.ord = l.ord
          WHERE r.person_id IS NOT NULL
         ON CONFLICT DO NOTHING
       )
       SELECT ord::text, person_id, wrapped_key FROM resolved ORDER BY resolved.ord`,
      [
        fresh.map((f) => f.personId),
        unique.map((r) => r.identity),
        fresh.map((f) => f.wrapped),
        this.master.id,
        lookups.map((l) => l.digest),
        lookups.map((l) => l.ord),
      ],
    );
    const result: (PersonKey | undefined)[] = rows.map((row, i) => {
      if (!row.person_id) return undefined;
      if (row.person_id === fresh[i].personId) return { personId: fresh[i].personId, key: fresh[i].key };
      return { personId: row.person_id, key: this.master.unwrap(row.person_id, row.wrapped_key!) };
    });
    const raced = unique.filter((_, i) => !result[i]);
    if (raced.length) {
      // Another transaction committed the same identity while this statement ran: a new statement sees it.
      const again = await this.obtain(raced);
      let next = 0;
      for (let i = 0; i < result.length; i++) if (!result[i]) result[i] = again[next++];
    }
    return indexOf.map((i) => result[i] as PersonKey);
  }

  async keysOf(personIds: string[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    if (personIds.length === 0) return found;
    const rows = await this.query<KeyRow>(KEYS, [personIds]);
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
