import { Client } from 'pg';
import { runMigrations } from '@lc/database';
import { PostgresEventStore } from '@lc/event-store';
import { freshDatabase } from './lib';
async function main() {
  const db = await freshDatabase('probe');
  await runMigrations(db.url);
  const c = new Client({ connectionString: db.url }); await c.connect();
  const N = Number(process.env.N ?? 200000);
  for (let k = 0; k < N / 50000; k++) {
    await c.query(`SELECT pg_advisory_xact_lock_shared(1279480645, 1)`);
    await c.query(`INSERT INTO event_store.events (stream_id, stream_version, event_id, type, data, metadata)
      SELECT 'case-' || (i % 10000), i + ${k} * 100000, gen_random_uuid(), 'StepLogged',
       jsonb_build_object('kind','contact','note','第' || i || '次电话联系申请人，约定下周三到街道调解室面谈。','occurredAt','2022-03-14T09:30:00.000Z','mediatorId','6f1c2a9e-0b7d-4c1e-9a3f-2d8e5b7c1a40'),
       jsonb_build_object('actorId','bench','actorRole','mediator','correlationId', gen_random_uuid())
      FROM generate_series(1, 50000) i`);
  }
  await c.query('VACUUM ANALYZE event_store.events');
  const page = Number(process.env.PAGE ?? 500);
  let t = performance.now();
  const r = await c.query(`EXPLAIN ANALYZE WITH horizon AS MATERIALIZED (SELECT event_store.read_horizon() AS xid)
       SELECT event_id, type, data, metadata, stream_id, stream_version, transaction_id::text AS transaction_id, global_position, recorded_at
         FROM event_store.events, horizon WHERE (transaction_id, global_position) > ('0'::text::xid8, 0::bigint) AND transaction_id < horizon.xid
        ORDER BY events.transaction_id, events.global_position LIMIT ${page}`);
  console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
  t = performance.now();
  for (let i = 0; i < 20; i++) await c.query('SELECT event_store.read_horizon()');
  console.log('read_horizon ms', (performance.now() - t) / 20);
  const store = new PostgresEventStore({ pool: { connectionString: db.url, max: 5 } });
  for (let run = 0; run < 2; run++) {
    t = performance.now(); let n = 0;
    const sub = store.subscribeToAll();
    for await (const _ of sub) if (++n === N) break;
    await sub.close();
    console.log('subscribe ev/s', (N / (performance.now() - t)) * 1000);
  }
  await store.close(); await c.end(); await db.drop();
}
main();
