import { ClockJobs, deriveClocks } from '@lc/clocks';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';
import { alertBody, complaintBody, openDisputeBody, referralBody } from './support/bodies';

/**
 * Issue 10 §1, assignment and "my work": supervisors find mediators in their scope and assign
 * them; mediators take unassigned work, are assigned what they open, see their work in hand by
 * urgency and are notified by name; each person's notifications have their own read state.
 */

// 2026-03-10 10:00 in Shanghai.
const NOW = new Date('2026-03-10T02:00:00Z');

let app: TestApp;
let admin: string;
type User = { id: string; token: string; username: string };
let li: User; // mediator, pinghu
let wang: User; // mediator, pinghu
let zhao: User; // mediator, buji
let supervisor: User; // pinghu
let districtSupervisor: User;
let informant: User; // pinghu

beforeAll(async () => {
  app = await startTestApp('my-work', { now: NOW });
  admin = await app.login(ADMIN.username, ADMIN.password);
  li = await app.user('mediator', 'pinghu');
  wang = await app.user('mediator', 'pinghu');
  zhao = await app.user('mediator', 'buji');
  supervisor = await app.user('supervisor', 'pinghu');
  districtSupervisor = await app.user('supervisor');
  informant = await app.user('informant', 'pinghu');
});
afterAll(async () => {
  await app?.close();
});


const post = (token: string, path: string, body: unknown = {}) => app.http().post(`/api/v1${path}`).set(...bearer(token)).send(body as object);
const get = (token: string, path: string) => app.http().get(`/api/v1${path}`).set(...bearer(token));

/** Asks until the answer satisfies `ready` (the read models catch up after each write), or fails after 20 s. */
async function eventually(token: string, path: string, ready: (body: any) => boolean): Promise<any> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await app.settled();
    const res = await get(token, path);
    expect(res.status).toBe(200);
    if (ready(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`${path} never got ready: ${JSON.stringify(res.body).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function open(token: string, overrides: Record<string, unknown> = {}) {
  const res = await post(token, '/disputes', openDisputeBody(overrides));
  expect(res.status).toBe(201);
  return res.body as { id: string; caseNo: string; version: number };
}

const ids = (body: { items: Array<{ id: string }> }) => body.items.map((i) => i.id);

describe('GET /mediators', () => {
  it('lists the mediators of the caller’s scope with their workload; informants may not ask', async () => {
    const bySupervisor = await get(supervisor.token, '/mediators').expect(200);
    expect(ids(bySupervisor.body)).toEqual(expect.arrayContaining([li.id, wang.id]));
    expect(ids(bySupervisor.body)).not.toContain(zhao.id);
    expect(bySupervisor.body.items.every((m: { subDistrict: string }) => m.subDistrict === 'pinghu')).toBe(true);
    expect(bySupervisor.body.items.find((m: { id: string }) => m.id === li.id)).toEqual({
      id: li.id,
      username: li.username,
      displayName: li.username,
      subDistrict: 'pinghu',
      active: true,
      workload: { openCases: 0, openMediations: 0, clocksOverdue: 0, clocksDueSoon: 0 },
    });
    expect(bySupervisor.body).toMatchObject({ page: 1, pageSize: 50, total: bySupervisor.body.items.length });

    const byDistrict = await get(districtSupervisor.token, '/mediators').expect(200);
    expect(ids(byDistrict.body)).toEqual(expect.arrayContaining([li.id, wang.id, zhao.id]));
    const buji = await get(districtSupervisor.token, '/mediators?subDistrict=buji').expect(200);
    expect(ids(buji.body)).toEqual([zhao.id]);

    // A mediator sees their colleagues, not other sub-districts'.
    const byMediator = await get(zhao.token, '/mediators').expect(200);
    expect(ids(byMediator.body)).toEqual([zhao.id]);

    // The one rule for an out-of-scope sub-district; sort keys are the items' fields.
    await get(supervisor.token, '/mediators?subDistrict=buji').expect(403);
    await get(supervisor.token, '/mediators?sort=-openCases,displayName').expect(200);
    expect((await get(supervisor.token, '/mediators?sort=salary').expect(400)).body.errors[0].field).toBe('sort');
    await get(supervisor.token, '/mediators?colour=red').expect(400);
    await get(informant.token, '/mediators').expect(403);
    const bad = await get(supervisor.token, '/mediators?active=maybe').expect(400);
    expect(bad.body.errors[0].field).toBe('active');
  });
});

describe('a supervisor assigns, the mediator sees it in me/work and is notified', () => {
  it('from the list of mediators to the mediator’s home and inbox, with read state', async () => {
    const dispute = await open(supervisor.token);
    // Opened by a supervisor: nobody is assigned yet.
    expect((await get(supervisor.token, `/disputes/${dispute.id}`).expect(200)).body.mediatorId).toBeNull();

    const assigned = await post(supervisor.token, `/disputes/${dispute.id}/assignments`, { mediatorId: li.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toEqual({ id: dispute.id, version: 2 });

    const work = await eventually(li.token, '/me/work', (b) => ids(b).includes(dispute.id));
    expect(work.items.find((i: { id: string }) => i.id === dispute.id)).toMatchObject({
      kind: 'dispute',
      reference: dispute.caseNo,
      status: 'open',
      subDistrict: 'pinghu',
      employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
      workers: 12,
      since: '2026-03-02',
      nextClock: null,
      urgency: 'none',
      version: 2,
    });
    expect(work.counts.cases).toBeGreaterThanOrEqual(1);
    // Not wang's work.
    expect(ids((await get(wang.token, '/me/work').expect(200)).body)).not.toContain(dispute.id);

    const inbox = await eventually(li.token, '/notifications', (b) => b.items.some((n: any) => n.subject.id === dispute.id));
    const notice = inbox.items.find((n: any) => n.subject.id === dispute.id);
    expect(notice).toMatchObject({
      kind: 'mediator_assigned',
      audience: { role: 'mediator', subDistrict: 'pinghu', accountId: li.id },
      subject: { kind: 'dispute', stream: `dispute-${dispute.id}`, id: dispute.id },
      params: { caseNo: dispute.caseNo, employerName: '深圳市某某电子有限公司', assignedBy: supervisor.id },
      read: false,
      readAt: null,
    });
    expect(notice.title.zh).toContain(dispute.caseNo);
    expect(notice.title.en).toContain('assigned to you');
    expect(inbox.unread).toBeGreaterThanOrEqual(1);
    // Addressed to li alone: another mediator of the sub-district and the supervisor do not see it.
    const others = [wang, supervisor];
    for (const other of others) {
      const theirs = await get(other.token, '/notifications').expect(200);
      expect(theirs.body.items.map((n: any) => n.id)).not.toContain(notice.id);
      await post(other.token, `/notifications/${notice.id}/read`).expect(404);
    }

    const before = (await get(li.token, '/notifications/unread-count').expect(200)).body.unread;
    expect(before).toBe(inbox.unread);
    const read = await post(li.token, `/notifications/${notice.id}/read`).expect(200);
    expect(read.body).toEqual({ id: notice.id, read: true, readAt: expect.any(String) });
    // Reading again keeps the first time.
    app.clock.advance(60_000);
    expect((await post(li.token, `/notifications/${notice.id}/read`).expect(200)).body.readAt).toBe(read.body.readAt);
    expect((await get(li.token, '/notifications/unread-count').expect(200)).body).toEqual({ unread: before - 1, freshness: expect.objectContaining({ upToDate: true }) });
    const unreadOnly = await get(li.token, '/notifications?unread=true').expect(200);
    expect(unreadOnly.body.items.map((n: any) => n.id)).not.toContain(notice.id);
    const readOnly = await get(li.token, '/notifications?unread=false').expect(200);
    expect(readOnly.body.items.find((n: any) => n.id === notice.id)).toMatchObject({ read: true, readAt: read.body.readAt });
    await post(li.token, '/notifications/not-an-id/read').expect(400);

    // The workload follows.
    const mediators = await eventually(supervisor.token, '/mediators', (b) => b.items.find((m: any) => m.id === li.id).workload.openCases >= 1);
    expect(mediators.items.find((m: any) => m.id === wang.id).workload.openCases).toBe(0);

    // Reassigning to wang notifies wang; li no longer has it.
    await post(supervisor.token, `/disputes/${dispute.id}/assignments`, { mediatorId: wang.id }).expect(200);
    await eventually(wang.token, '/notifications', (b) => b.items.some((n: any) => n.subject.id === dispute.id && n.kind === 'mediator_assigned'));
    await eventually(li.token, '/me/work', (b) => !ids(b).includes(dispute.id));
    const all = await post(wang.token, '/notifications/read-all').expect(200);
    expect(all.body).toEqual({ marked: expect.any(Number), unread: 0 });
    expect(all.body.marked).toBeGreaterThanOrEqual(1);
    expect((await get(wang.token, '/notifications/unread-count').expect(200)).body).toEqual({ unread: 0, freshness: expect.objectContaining({ upToDate: true }) });
    expect((await post(wang.token, '/notifications/read-all').expect(200)).body).toEqual({ marked: 0, unread: 0 });
  });

  it('notifies the mediator a supervisor assigns a mediation to, and the next one on reassignment', async () => {
    // Recorded by a mediator for the supervisor to give out.
    const referral = referralBody({ assignToMe: false });
    const referred = await post(wang.token, '/mediations', referral);
    expect(referred.status).toBe(201);
    const id = referred.body.id as string;
    expect((await get(supervisor.token, `/mediations/${id}`).expect(200)).body.mediatorId).toBeNull();
    await post(supervisor.token, `/mediations/${id}/assignments`, { mediatorId: li.id }).expect(200);

    const inbox = await eventually(li.token, '/notifications', (b) => b.items.some((n: any) => n.subject.id === id));
    const notice = inbox.items.find((n: any) => n.subject.id === id);
    expect(notice).toMatchObject({
      kind: 'mediator_assigned',
      audience: { role: 'mediator', subDistrict: 'pinghu', accountId: li.id },
      subject: { kind: 'mediation', stream: `mediation-${id}`, id },
      params: { courtCaseNo: referral.courtCaseNo, employerName: '深圳市某某科技有限公司', assignedBy: supervisor.id, mediatorId: li.id },
      read: false,
    });
    expect(notice.title.zh).toContain(referral.courtCaseNo);
    expect(notice.title.en).toContain('mediation assigned to you');
    for (const other of [wang, supervisor]) {
      expect((await get(other.token, '/notifications').expect(200)).body.items.map((n: any) => n.id)).not.toContain(notice.id);
    }

    await post(supervisor.token, `/mediations/${id}/assignments`, { mediatorId: wang.id }).expect(200);
    const wangs = await eventually(wang.token, '/notifications', (b) => b.items.some((n: any) => n.subject.id === id));
    expect(wangs.items.find((n: any) => n.subject.id === id)).toMatchObject({ kind: 'mediator_assigned', audience: { accountId: wang.id } });
  });

  it('keeps a sub-district supervisor to mediators of their sub-district; a district supervisor may lend one', async () => {
    const dispute = await open(supervisor.token);
    const events = await app.requestEventCount();
    const refused = await post(supervisor.token, `/disputes/${dispute.id}/assignments`, { mediatorId: zhao.id });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'mediatorId' })]);
    expect(await app.requestEventCount()).toBe(events);
    // Not a mediator at all.
    expect((await post(supervisor.token, `/disputes/${dispute.id}/assignments`, { mediatorId: supervisor.id })).status).toBe(422);
    await post(districtSupervisor.token, `/disputes/${dispute.id}/assignments`, { mediatorId: zhao.id }).expect(200);
    // zhao works it from buji, and sees it at home.
    await eventually(zhao.token, '/me/work', (b) => ids(b).includes(dispute.id));
  });
});

describe('a mediator takes unassigned work for themselves', () => {
  it('takes an unassigned case of their sub-district; not one of a colleague, nor for someone else, nor out of scope', async () => {
    const dispute = await open(supervisor.token);
    // Out of their scope: as if it did not exist.
    expect((await post(zhao.token, `/disputes/${dispute.id}/assignments`, { mediatorId: 'me' })).status).toBe(404);
    // Only for themselves.
    const forOther = await post(wang.token, `/disputes/${dispute.id}/assignments`, { mediatorId: li.id });
    expect(forOther.status).toBe(403);
    expect(forOther.body.errors).toEqual([expect.objectContaining({ field: 'mediatorId' })]);

    const taken = await post(li.token, `/disputes/${dispute.id}/assignments`, { mediatorId: 'me' });
    expect(taken.status).toBe(200);
    expect(taken.body).toEqual({ id: dispute.id, version: 2 });
    // Taking it again changes nothing; a colleague cannot take it from them.
    expect((await post(li.token, `/disputes/${dispute.id}/assignments`, { mediatorId: li.id })).body).toEqual({ id: dispute.id, version: 2 });
    const clash = await post(wang.token, `/disputes/${dispute.id}/assignments`, { mediatorId: 'me' });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('conflict');

    const mine = await eventually(li.token, '/disputes?mediatorId=me', (b) => ids(b).includes(dispute.id));
    expect(mine.items.every((d: { mediatorId: string }) => d.mediatorId === li.id)).toBe(true);
    expect(ids((await get(wang.token, '/disputes?mediatorId=me').expect(200)).body)).not.toContain(dispute.id);
    await get(li.token, '/disputes?mediatorId=someone').expect(400);
    // They took it themselves: nothing to tell them.
    await eventually(li.token, '/me/work', (b) => ids(b).includes(dispute.id));
    const inbox = await get(li.token, '/notifications').expect(200);
    expect(inbox.body.items.filter((n: any) => n.subject.id === dispute.id)).toEqual([]);
  });

  it('takes an unassigned mediation the same way', async () => {
    const referred = await post(li.token, '/mediations', referralBody({ assignToMe: false }));
    expect(referred.status).toBe(201);
    const id = referred.body.id as string;
    expect((await get(li.token, `/mediations/${id}`).expect(200)).body).toMatchObject({ mediatorId: null, status: 'referred' });
    await post(zhao.token, `/mediations/${id}/assignments`, { mediatorId: 'me' }).expect(404);
    expect((await post(wang.token, `/mediations/${id}/assignments`, { mediatorId: li.id })).status).toBe(403);
    expect((await post(wang.token, `/mediations/${id}/assignments`, { mediatorId: 'me' })).body).toEqual({ id, version: 2 });
    expect((await post(li.token, `/mediations/${id}/assignments`, { mediatorId: 'me' })).status).toBe(409);
    const mine = await eventually(wang.token, '/mediations?mediatorId=me', (b) => ids(b).includes(id));
    expect(mine.items.find((m: { id: string }) => m.id === id)).toMatchObject({ mediatorId: wang.id, status: 'in_progress' });
    // And a supervisor may move it on.
    await post(supervisor.token, `/mediations/${id}/assignments`, { mediatorId: li.id }).expect(200);
  });
});

describe('a mediator opening a case is assigned to it unless they say otherwise', () => {
  it('assigns the opener of a case or a referral, in the opening event itself', async () => {
    const mine = await open(wang.token);
    expect(mine.version).toBe(1);
    const detail = await get(wang.token, `/disputes/${mine.id}`).expect(200);
    expect(detail.body.mediatorId).toBe(wang.id);
    const events = await app.store.readStream(`dispute-${mine.id}`);
    expect(events.map((e) => e.type)).toEqual(['DisputeOpened']);
    expect(events[0].data.mediatorId).toBe(wang.id);
    await eventually(wang.token, '/me/work', (b) => ids(b).includes(mine.id));

    const forTheDesk = await open(wang.token, { assignToMe: false });
    expect((await get(wang.token, `/disputes/${forTheDesk.id}`).expect(200)).body.mediatorId).toBeNull();

    const bySupervisor = await post(supervisor.token, '/disputes', openDisputeBody({ assignToMe: true }));
    expect(bySupervisor.status).toBe(422);
    expect(bySupervisor.body.errors).toEqual([expect.objectContaining({ field: 'assignToMe' })]);
    expect((await post(wang.token, '/disputes', openDisputeBody({ assignToMe: 'yes' }))).status).toBe(400);

    const referral = await post(wang.token, '/mediations', referralBody());
    expect(referral.status).toBe(201);
    expect(referral.body.version).toBe(1);
    expect((await get(wang.token, `/mediations/${referral.body.id}`).expect(200)).body).toMatchObject({ mediatorId: wang.id, status: 'in_progress' });
  });
});

describe('a mediator converting a complaint or an alert is assigned to the case, as when opening one', () => {
  const receive = async () => {
    const res = await post(li.token, '/complaints', complaintBody());
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const conversion = (overrides: Record<string, unknown> = {}) => ({ category: 'wage_arrears', workersInvolved: 3, amountClaimedFen: 900_000, claimants: [{ name: '陈十' }], ...overrides });

  it('assigns the mediator who converts a complaint, in the opening event itself, unless they say otherwise; a supervisor assigns later', async () => {
    // li received it, wang converts it: the case is wang's.
    const converted = await post(wang.token, `/complaints/${await receive()}/conversion`, conversion());
    expect(converted.status).toBe(201);
    const events = await app.store.readStream(`dispute-${converted.body.id}`);
    expect(events.map((e) => e.type)).toEqual(['DisputeOpened']);
    expect(events[0].data.mediatorId).toBe(wang.id);
    expect((await get(wang.token, `/disputes/${converted.body.id}`).expect(200)).body.mediatorId).toBe(wang.id);
    await eventually(wang.token, '/me/work', (b) => ids(b).includes(converted.body.id));
    await eventually(wang.token, '/disputes?mediatorId=me', (b) => ids(b).includes(converted.body.id));

    const forTheDesk = await post(wang.token, `/complaints/${await receive()}/conversion`, conversion({ assignToMe: false }));
    expect(forTheDesk.status).toBe(201);
    expect((await get(wang.token, `/disputes/${forTheDesk.body.id}`).expect(200)).body.mediatorId).toBeNull();

    const bySupervisor = await post(supervisor.token, `/complaints/${await receive()}/conversion`, conversion());
    expect(bySupervisor.status).toBe(201);
    expect((await get(supervisor.token, `/disputes/${bySupervisor.body.id}`).expect(200)).body.mediatorId).toBeNull();
    const complaintId = await receive();
    const before = await app.requestEventCount();
    const selfAssigning = await post(supervisor.token, `/complaints/${complaintId}/conversion`, conversion({ assignToMe: true }));
    expect(selfAssigning.status).toBe(422);
    expect(selfAssigning.body.errors).toEqual([expect.objectContaining({ field: 'assignToMe' })]);
    expect(await app.requestEventCount()).toBe(before);
    expect((await post(wang.token, `/complaints/${complaintId}/conversion`, conversion({ assignToMe: 'yes' }))).status).toBe(400);
  });

  it('assigns the mediator who converts an alert', async () => {
    const submitted = await app
      .http()
      .post('/api/v1/alerts')
      .set(...bearer(informant.token))
      .set('Idempotency-Key', 'my-work-alert-conversion')
      .send(alertBody());
    expect(submitted.status).toBe(201);
    const converted = await post(li.token, `/alerts/${submitted.body.id}/conversion`);
    expect(converted.status).toBe(201);
    const [opened] = await app.store.readStream(`dispute-${converted.body.id}`);
    expect(opened.data.mediatorId).toBe(li.id);
    await eventually(li.token, '/me/work', (b) => ids(b).includes(converted.body.id));
    // They converted it themselves: nothing to tell them.
    const inbox = await get(li.token, '/notifications').expect(200);
    expect(inbox.body.items.filter((n: any) => n.subject.id === converted.body.id)).toEqual([]);
  });
});

describe('mediatorId=me on every list', () => {
  const LISTS = ['/disputes', '/mediations', '/clocks', '/complaints', '/alerts'];

  it('is taken by every list; anything but an id or me is a 400 naming the field', async () => {
    for (const list of LISTS) {
      await get(li.token, `${list}?mediatorId=me`).expect(200);
      await get(supervisor.token, `${list}?mediatorId=${li.id}`).expect(200);
      const bad = await get(li.token, `${list}?mediatorId=someone`);
      expect({ list, status: bad.status }).toEqual({ list, status: 400 });
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'mediatorId' })]);
    }
  });

  it('finds the complaints a mediator received, handled or converted', async () => {
    const receive = async (token: string) => {
      const res = await post(token, '/complaints', complaintBody());
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const receivedByLi = await receive(li.token);
    const handledByWang = await receive(li.token);
    const convertedByWang = await receive(supervisor.token);
    const bySupervisor = await receive(supervisor.token);
    await post(wang.token, `/complaints/${handledByWang}/handling`, { note: '已答复来电人', handledOn: '2026-03-06' }).expect(200);
    await post(wang.token, `/complaints/${convertedByWang}/conversion`, { category: 'wage_arrears', workersInvolved: 2, amountClaimedFen: 600_000, claimants: [{ name: '刘一' }] }).expect(201);
    const mine = (token: string, query = 'mediatorId=me') => eventually(token, `/complaints?${query}&pageSize=200`, () => true);
    const all = [receivedByLi, handledByWang, convertedByWang, bySupervisor];
    const ours = (body: any) => ids(body).filter((id) => all.includes(id)).sort();

    await eventually(admin, '/complaints?pageSize=200', (b) => b.items.some((c: any) => c.id === convertedByWang && c.status === 'converted'));
    expect(ours(await mine(li.token))).toEqual([receivedByLi]);
    expect(ours(await mine(wang.token))).toEqual([handledByWang, convertedByWang].sort());
    const byLi = await mine(supervisor.token, `mediatorId=${li.id}`);
    expect(ours(byLi)).toEqual([receivedByLi]);
    expect(byLi.items.every((c: { mediatorId: string }) => c.mediatorId === li.id)).toBe(true);
    // A supervisor is no complaint's mediator: their 'me' names none, a 400 saying so (not an empty list); their own received one has none.
    const supervisorsMe = await get(supervisor.token, '/complaints?mediatorId=me');
    expect(supervisorsMe.status).toBe(400);
    expect(supervisorsMe.body.errors).toEqual([{ field: 'mediatorId', message: "'me' is the calling mediator; as a supervisor name a mediator's id" }]);
    expect((await mine(supervisor.token, 'status=received')).items.find((c: any) => c.id === bySupervisor).mediatorId).toBeNull();
    // Scope as on every list: buji sees none of pinghu's, whoever's they are.
    expect(ours(await mine(zhao.token, `mediatorId=${li.id}`))).toEqual([]);
  });

  it('finds the alerts a mediator picked up', async () => {
    const submit = async (key: string) => {
      const res = await app
        .http()
        .post('/api/v1/alerts')
        .set(...bearer(informant.token))
        .set('Idempotency-Key', key)
        .send(alertBody());
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const acknowledgedByLi = await submit('my-work-alert-ack');
    const verifiedByWang = await submit('my-work-alert-verify');
    const untouched = await submit('my-work-alert-untouched');
    await post(li.token, `/alerts/${acknowledgedByLi}/acknowledgement`).expect(200);
    // Checking it on site picks it up too.
    await post(wang.token, `/alerts/${verifiedByWang}/verification`, { note: '现场核实' }).expect(200);
    const all = [acknowledgedByLi, verifiedByWang, untouched];
    const ours = (body: any) => ids(body).filter((id) => all.includes(id)).sort();

    await eventually(admin, '/alerts?pageSize=200', (b) => b.items.some((a: any) => a.id === verifiedByWang && a.status === 'verified'));
    expect(ours(await eventually(li.token, '/alerts?mediatorId=me&pageSize=200', () => true))).toEqual([acknowledgedByLi]);
    expect(ours(await eventually(wang.token, '/alerts?mediatorId=me&pageSize=200', () => true))).toEqual([verifiedByWang]);
    const byWang = await eventually(supervisor.token, `/alerts?mediatorId=${wang.id}&pageSize=200`, () => true);
    expect(ours(byWang)).toEqual([verifiedByWang]);
    expect(byWang.items.every((a: { acknowledgedBy: string }) => a.acknowledgedBy === wang.id)).toBe(true);
    expect(ours(await eventually(zhao.token, `/alerts?mediatorId=${li.id}&pageSize=200`, () => true))).toEqual([]);
  });
});

describe('clocks of my work', () => {
  it('orders my work by urgency and notifies me of a clock due soon and overdue, naming the case', async () => {
    const me = await app.user('mediator', 'pinghu');
    // A case with a negotiation session: 15 days from 2026-03-03, last day 2026-03-18.
    const early = await open(me.token, { openedOn: '2026-03-01' });
    await post(me.token, `/disputes/${early.id}/steps`, { kind: 'negotiation_session', note: '三方协商', occurredAt: '2026-03-03T10:00:00+08:00' }).expect(200);
    // A referral of 2026-03-09: the 30-day period ends 2026-04-08.
    const referral = (await post(me.token, '/mediations', referralBody({ referredOn: '2026-03-09' })).expect(201)).body as { id: string };
    // A case with no clock at all.
    const quiet = await open(me.token, { openedOn: '2026-02-20' });

    const clocked = (b: any, id: string) => b.items.find((i: any) => i.id === id)?.nextClock;
    const work = await eventually(me.token, '/me/work', (b) => b.items.length === 3 && clocked(b, early.id) && clocked(b, referral.id));
    expect(work.items.map((i: any) => i.id)).toEqual([early.id, referral.id, quiet.id]);
    expect(work.items[0]).toMatchObject({
      urgency: 'running',
      nextClock: { kind: 'dispute_mediation', startedOn: '2026-03-03', lastDay: '2026-03-18', overdue: false, dueSoon: false, daysLeft: 9 },
    });
    expect(work.items[1]).toMatchObject({ kind: 'mediation', urgency: 'running', nextClock: { kind: 'mediation_period', lastDay: '2026-04-08' } });
    expect(work.items[2]).toMatchObject({ urgency: 'none', nextClock: null });
    expect(work.counts).toEqual({ cases: 2, mediations: 1, overdue: 0, dueSoon: 0 });

    // Clocks show the case number and the employer.
    const clocks = await get(me.token, '/clocks?mediatorId=me').expect(200);
    expect(clocks.body.items.find((c: any) => c.subject.id === early.id)).toMatchObject({
      kind: 'dispute_mediation',
      reference: early.caseNo,
      employerName: '深圳市某某电子有限公司',
      subject: { kind: 'dispute', id: early.id },
    });

    // Three days before the end: the reminder fires; after the last day: the deadline.
    const stream = `dispute-${early.id}`;
    const [clock] = deriveClocks(stream, await app.store.readStream(stream));
    const job = { clockId: clock.clockId, kind: clock.kind, subjectStream: stream, lastDay: clock.lastDay, deadlineAt: clock.deadlineAt.toISOString() };
    app.clock.set(new Date('2026-03-16T02:00:00Z'));
    expect(await app.worker.get(ClockJobs).fire({ ...job, due: 'reminder' })).toBe('appended');
    const dueSoon = await eventually(me.token, '/notifications', (b) => b.items.some((n: any) => n.kind === 'clock_due_soon'));
    expect(dueSoon.items.find((n: any) => n.kind === 'clock_due_soon')).toMatchObject({
      audience: { role: 'mediator', accountId: me.id },
      subject: { kind: 'dispute', id: early.id },
      params: { clock: 'dispute_mediation', reference: early.caseNo, employerName: '深圳市某某电子有限公司', lastDay: '2026-03-18' },
    });
    expect((await get(me.token, '/me/work').expect(200)).body.items[0]).toMatchObject({ id: early.id, urgency: 'due_soon' });

    app.clock.set(new Date('2026-03-19T02:00:00Z'));
    expect(await app.worker.get(ClockJobs).fire({ ...job, due: 'deadline' })).toBe('appended');
    const overdue = await eventually(me.token, '/notifications', (b) => b.items.some((n: any) => n.kind === 'clock_overdue'));
    expect(overdue.items.find((n: any) => n.kind === 'clock_overdue').title.zh).toContain(early.caseNo);
    const late = (await get(me.token, '/me/work').expect(200)).body;
    expect(late.items[0]).toMatchObject({ id: early.id, urgency: 'overdue', nextClock: { overdue: true } });
    expect(late.counts.overdue).toBe(1);
    const workload = await get(supervisor.token, '/mediators').expect(200);
    expect(workload.body.items.find((m: any) => m.id === me.id).workload).toEqual({ openCases: 2, openMediations: 1, clocksOverdue: 1, clocksDueSoon: 0 });
    // Nobody else hears of it.
    expect((await get(li.token, '/notifications?kind=clock_overdue').expect(200)).body.items).toEqual([]);
    app.clock.set(NOW);
  });

  it('lets only mediators ask for their work', async () => {
    await get(supervisor.token, '/me/work').expect(403);
    await get(admin, '/me/work').expect(403);
    await get(informant.token, '/me/work').expect(403);
  });
});
