import { MigrationInterface, QueryRunner } from 'typeorm';

/** The account events that carry a display name or say which role the account has. */
const ACCOUNT_EVENTS = ['AccountCreated', 'AccountRoleChanged', 'AccountRenamed'];

interface Row {
  global_position: string;
  stream_id: string;
  type: string;
  data: { role?: string; displayName?: string | null };
}

/**
 * Informants' accounts lose the name they were given (docs/decisions/0012). Registering an informant
 * used to copy their name into their login account's display name: in clear in `AccountCreated`
 * (and any `AccountRenamed` while the account was an informant's) and in `accounts.display_name`,
 * out of reach of an erasure. The informant's name is kept in their registry entry
 * (`InformantRegistered`, sealed under their person key by 1763700000120), so the copies go: their
 * `displayName` becomes null in place, as the account decider now writes it for informants, and the
 * users table takes the name the rewritten events give (null: the username is shown). Nothing else
 * in those events changes. A second run finds nothing to do.
 */
export class InformantAccountNames1764700000160 implements MigrationInterface {
  name = 'InformantAccountNames1764700000160';

  async up(q: QueryRunner): Promise<void> {
    const rows: Row[] = await q.query(
      `SELECT global_position::text, stream_id, type, data FROM event_store.events
        WHERE type = ANY ($1::text[])
          AND stream_id IN (SELECT stream_id FROM event_store.events
                             WHERE type = 'AccountRoleChanged' AND data->>'role' = 'informant'
                             UNION
                            SELECT stream_id FROM event_store.events
                             WHERE type = 'AccountCreated' AND data->>'role' = 'informant')
        ORDER BY stream_id, stream_version`,
      [ACCOUNT_EVENTS],
    );
    // Each account folded in order: a name given while it was an informant's goes; staff names stay.
    const accounts = new Map<string, { role?: string; displayName: string | null; changed: boolean }>();
    for (const row of rows) {
      const account = accounts.get(row.stream_id) ?? { displayName: null, changed: false };
      accounts.set(row.stream_id, account);
      if (row.type !== 'AccountRenamed' && row.data.role !== undefined) account.role = row.data.role;
      if (row.type === 'AccountRoleChanged') continue;
      if (account.role === 'informant' && row.data.displayName != null) {
        await q.query(`UPDATE event_store.events SET data = jsonb_set(data, '{displayName}', 'null'::jsonb) WHERE global_position = $1::bigint`, [
          row.global_position,
        ]);
        account.displayName = null;
        account.changed = true;
      } else {
        account.displayName = row.data.displayName ?? null;
      }
    }
    // The users table as the accounts projection makes it from the rewritten events.
    for (const [streamId, account] of accounts) {
      if (!account.changed) continue;
      await q.query(`UPDATE accounts SET display_name = $2 WHERE id::text = $1 AND display_name IS DISTINCT FROM $2`, [
        streamId.slice('account-'.length),
        account.displayName,
      ]);
    }
  }

  async down(): Promise<void> {
    // The names are gone from these events; the informant registry still has them (sealed).
  }
}
