import { randomUUID } from 'node:crypto';
import { alert, disputeIdForAlert } from '@lc/alerts';
import { Decider } from '@lc/decider';
import { disputeCase } from '@lc/disputes';
import { EventStore } from '@lc/event-store';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { openDisputeBody } from './support/bodies';

/*
 * How many times a command reads each stream it touches (issue 13): the API's own event store is
 * wrapped in a counting decorator (every call still goes to the real store in PostgreSQL), and
 * each request's reads are tallied per stream. The target is one read of each stream a command
 * touches: the stream it decides on, and the counter stream of a case number it allocates. The
 * access guard's reads of the actor's own account stream (is the account still active?) come
 * before any command and are not the command's: they are left out.
 *
 * The deciders' decisions are counted the same way (the decide functions wrapped, still called):
 * each command decided once.
 */

// 2026-03-10 10:00 in Shanghai.
const NOW = new Date('2026-03-10T02:00:00Z');

let app: TestApp;
let mediator: { id: string; token: string };
let informant: { id: string; token: string };
let reads: Map<string, number> | undefined;
let decisions: Map<string, number> | undefined;

const sorted = (counts: Map<string, number>) => Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));

/** Counts the reads while `work` runs, per stream id (readStreams counts each stream it reads), and the decisions per command type. */
async function readsDuring(work: () => Promise<unknown>): Promise<{ reads: Record<string, number>; decisions: Record<string, number> }> {
  reads = new Map();
  decisions = new Map();
  try {
    await work();
    reads.delete(`account-${mediator.id}`);
    return { reads: sorted(reads), decisions: sorted(decisions) };
  } finally {
    reads = undefined;
    decisions = undefined;
  }
}

function countDecisions<C extends { type: string }>(decider: Decider<C, never, unknown> | { decide: (command: C, state: never) => unknown }): void {
  const decide = decider.decide.bind(decider) as (command: C, state: never) => never;
  decider.decide = ((command: C, state: never) => {
    decisions?.set(command.type, (decisions.get(command.type) ?? 0) + 1);
    return decide(command, state);
  }) as never;
}

function countReads(store: EventStore): void {
  const count = (streamId: string) => reads?.set(streamId, (reads.get(streamId) ?? 0) + 1);
  const readStream = store.readStream.bind(store);
  const readStreams = store.readStreams.bind(store);
  // The same instance every handler of the API holds (EVENT_STORE is a singleton): a decorator, not a stand-in.
  store.readStream = (streamId, options) => {
    count(streamId);
    return readStream(streamId, options);
  };
  store.readStreams = (streamIds) => {
    streamIds.forEach(count);
    return readStreams(streamIds);
  };
}

beforeAll(async () => {
  app = await startTestApp('stream-reads', { now: NOW });
  mediator = await app.user('mediator', 'pinghu');
  informant = await app.user('informant', 'pinghu');
  countReads(app.store);
  countDecisions(disputeCase);
  countDecisions(alert);
});
afterAll(async () => {
  await app?.close();
});

const post = (token: string, path: string, body: object, headers: Record<string, string> = {}) =>
  app.http().post(`/api/v1${path}`).set(...bearer(token)).set(headers).send(body);

const CASE_NUMBERS = 'case-numbers-LG-PH-2026';

describe('stream reads per command', () => {
  let disputeId: string;

  it('open-dispute reads the new case stream once and the case-number counter once', async () => {
    const counted = await readsDuring(async () => {
      // Its claimant has neither ID number nor phone: the overlapping-cases check reads no other case.
      const res = await post(mediator.token, '/disputes', openDisputeBody(), { 'Idempotency-Key': randomUUID() });
      expect(res.status).toBe(201);
      disputeId = res.body.id;
    });
    expect(counted).toEqual({
      reads: { [CASE_NUMBERS]: 1, [`dispute-${disputeId}`]: 1 },
      decisions: { OpenDispute: 1 },
    });
  });

  it('log-step reads the case stream once', async () => {
    const counted = await readsDuring(async () => {
      const res = await post(mediator.token, `/disputes/${disputeId}/steps`, { kind: 'contact', note: '电话联系企业负责人', occurredAt: '2026-03-03T10:00:00+08:00' });
      expect(res.status).toBe(200);
    });
    expect(counted).toEqual({ reads: { [`dispute-${disputeId}`]: 1 }, decisions: { LogStep: 1 } });
  });

  it('convert-alert reads the alert once, the new case once and the case-number counter once', async () => {
    const submitted = await post(
      informant.token,
      '/alerts',
      {
        enterprise: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
        subDistrict: 'pinghu',
        signals: ['owner_unreachable', 'wage_delay'],
        workersAffected: 40,
        description: '老板已三天联系不上，2月工资未发',
        observedAt: '2026-03-10T08:30:00+08:00',
      },
      { 'Idempotency-Key': randomUUID() },
    );
    expect(submitted.status).toBe(201);
    const alertId = submitted.body.id as string;
    const counted = await readsDuring(async () => {
      const res = await post(mediator.token, `/alerts/${alertId}/conversion`, {}, { 'Idempotency-Key': randomUUID() });
      expect(res.status).toBe(201);
    });
    expect(counted).toEqual({
      reads: { [`alert-${alertId}`]: 1, [CASE_NUMBERS]: 1, [`dispute-${disputeIdForAlert(alertId)}`]: 1 },
      decisions: { ConvertAlert: 1, OpenDispute: 1 },
    });
  });
});
