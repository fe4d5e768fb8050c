import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '@lc/event-store';
import { ERASED, maskPhone, maskResidentId } from '@lc/reference-data';
import { isSealed, MasterKey, newPersonKey, openField, sealField } from './cipher';
import { PersonKey, PersonKeyStore, PersonRequest } from './person-key-store';
import { PersonalDataProtection } from './personal-data-protection';

/** The port's contract in memory: persons by identity digest, lookups, destroy. */
class MemoryKeyStore implements PersonKeyStore {
  readonly keys = new Map<string, { key: Buffer; identity: string | null }>();
  readonly lookups = new Map<string, Set<string>>();
  readonly erased = new Map<string, Date>();
  calls = { obtain: 0, keysOf: 0 };

  async obtain(requests: PersonRequest[]): Promise<PersonKey[]> {
    this.calls.obtain += 1;
    return requests.map((r) => {
      const identity = r.identity?.toString('hex') ?? null;
      let found = identity && [...this.keys].find(([, v]) => v.identity === identity);
      if (!found) {
        found = [randomUUID(), { key: newPersonKey(), identity }];
        this.keys.set(found[0], found[1]);
      }
      for (const d of r.lookups) this.lookups.set(d.toString('hex'), (this.lookups.get(d.toString('hex')) ?? new Set()).add(found[0]));
      return { personId: found[0], key: found[1].key };
    });
  }
  async keysOf(ids: string[]) {
    this.calls.keysOf += 1;
    return new Map(ids.filter((id) => this.keys.has(id)).map((id) => [id, this.keys.get(id)!.key]));
  }
  async personsByLookup(digests: Buffer[]) {
    return [...new Set(digests.flatMap((d) => [...(this.lookups.get(d.toString('hex')) ?? [])]))].filter((id) => this.keys.has(id));
  }
  async destroy(id: string, at: Date) {
    this.keys.delete(id);
    this.erased.set(id, at);
  }
  async erasures(ids: string[]) {
    return new Map(ids.filter((id) => this.erased.has(id)).map((id) => [id, this.erased.get(id)!]));
  }
}

const master = new MasterKey(Buffer.alloc(32, 1));
const claimant = { name: '张三', idNumber: '11010519491231002x', phone: '13812345678' };

function opened(claimants: object[]): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'DisputeOpened',
    data: { disputeId: 'd-1', caseNo: 'PH-2026-0001', workersInvolved: 3, amountClaimedFen: 1234500, claimants },
  };
}

function recorded(event: NewEvent, streamVersion = 1): RecordedEvent {
  return { ...event, metadata: {}, streamId: 'dispute-d-1', streamVersion, globalPosition: `1-${streamVersion}`, recordedAt: new Date() };
}

describe('the cipher (AES-256-GCM)', () => {
  const key = newPersonKey();

  it('seals a field so that only its key, person and field open it', () => {
    const sealed = sealField(key, 'p-1', 'idNumber', '11010519491231002X');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('11010519491231002X');
    expect(openField(key, 'p-1', 'idNumber', sealed)).toBe('11010519491231002X');
    expect(() => openField(newPersonKey(), 'p-1', 'idNumber', sealed)).toThrow();
    expect(() => openField(key, 'p-2', 'idNumber', sealed)).toThrow();
    expect(() => openField(key, 'p-1', 'phone', sealed)).toThrow();
  });

  it('never seals the same text the same way twice (a fresh IV each time)', () => {
    expect(sealField(key, 'p-1', 'name', '张三')).not.toBe(sealField(key, 'p-1', 'name', '张三'));
  });

  it('wraps person keys under the master key, bound to the person', () => {
    const wrapped = master.wrap('p-1', key);
    expect(master.unwrap('p-1', wrapped)).toEqual(key);
    expect(() => master.unwrap('p-2', wrapped)).toThrow();
    expect(() => new MasterKey(Buffer.alloc(32, 2)).unwrap('p-1', wrapped)).toThrow();
    expect(new MasterKey(Buffer.alloc(32, 2)).id).not.toBe(master.id);
  });

  it('digests identifiers with a key: the same value the same digest, another master key another digest', () => {
    expect(master.digest('idNumber', 'X')).toEqual(master.digest('idNumber', 'X'));
    expect(master.digest('idNumber', 'X')).not.toEqual(master.digest('phone', 'X'));
    expect(new MasterKey(Buffer.alloc(32, 2)).digest('idNumber', 'X')).not.toEqual(master.digest('idNumber', 'X'));
  });
});

describe('PersonalDataProtection', () => {
  let store: MemoryKeyStore;
  let protection: PersonalDataProtection;
  let now: number;
  beforeEach(() => {
    store = new MemoryKeyStore();
    now = 1_000_000;
    protection = new PersonalDataProtection(store, master, { cacheSeconds: 60, now: () => now });
  });

  it('stores names, ID numbers and phones sealed, with a person id, and everything else as it was', async () => {
    const event = opened([claimant, { name: '李四' }]);
    const [stored] = await protection.encode('dispute-d-1', [event]);
    const text = JSON.stringify(stored.data);
    for (const secret of ['张三', '11010519491231002', '13812345678', '李四']) expect(text).not.toContain(secret);
    expect(stored.data).toMatchObject({ disputeId: 'd-1', caseNo: 'PH-2026-0001', workersInvolved: 3, amountClaimedFen: 1234500 });
    const [first, second] = stored.data.claimants as Record<string, string>[];
    expect(Object.keys(first).sort()).toEqual(['idNumber', 'name', 'personId', 'phone']);
    expect(Object.keys(second).sort()).toEqual(['name', 'personId']);
    expect(first.personId).not.toBe(second.personId);
    // The caller's event is not changed: the decider's output stays plain.
    expect(event.data.claimants).toEqual([claimant, { name: '李四' }]);
    expect(stored.eventId).toBe(event.eventId);
  });

  it('asks the key store once for the appends sealed in the same turn, each getting its own persons', async () => {
    const [one, two, three] = await Promise.all([
      protection.encode('dispute-d-1', [opened([claimant])]),
      protection.encode('dispute-d-2', [opened([{ name: '李四' }, { name: '王五' }])]),
      protection.encode('dispute-d-3', [opened([{ ...claimant, name: '张三' }])]),
    ]);
    expect(store.calls.obtain).toBe(1);
    const personIds = (events: NewEvent[]) => (events[0].data.claimants as { personId: string }[]).map((c) => c.personId);
    expect(personIds(two)).toHaveLength(2);
    expect(new Set([...personIds(one), ...personIds(two)]).size).toBe(3);
    // The same ID number in two appends of the turn is one person.
    expect(personIds(three)).toEqual(personIds(one));
    const [read] = await protection.decode([recorded(two[0])]);
    expect((read.data.claimants as { name: string }[]).map((c) => c.name)).toEqual(['李四', '王五']);
  });

  it('fails every append of the turn when the key store fails, and the next turn asks again', async () => {
    const failing = jest.spyOn(store, 'obtain').mockRejectedValueOnce(new Error('key store down'));
    const results = await Promise.allSettled([protection.encode('dispute-d-1', [opened([claimant])]), protection.encode('dispute-d-2', [opened([{ name: '李四' }])])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(protection.encode('dispute-d-1', [opened([claimant])])).resolves.toHaveLength(1);
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it('opens them again on read', async () => {
    const [stored] = await protection.encode('dispute-d-1', [opened([claimant])]);
    const sealed = JSON.stringify(stored.data);
    const [read] = await protection.decode([recorded(stored)]);
    expect(read.data.claimants).toEqual([{ ...claimant, personId: (stored.data.claimants as { personId: string }[])[0].personId }]);
    // The stored event is not changed: a rebuild hands the same page, as stored, to the readers of no personal data.
    expect(JSON.stringify(stored.data)).toBe(sealed);
  });

  it('knows a person again by their ID number (any case of the check character), else by phone and name', async () => {
    const ids = async (...people: object[]) =>
      ((await protection.encode('dispute-d-1', [opened(people)]))[0].data.claimants as { personId: string }[]).map((c) => c.personId);
    const [a] = await ids(claimant);
    const [b, c, d, e] = await ids(
      { name: '张三丰', idNumber: '11010519491231002X' },
      { name: '王五', phone: '+86 138 1234 5679' },
      { name: '王五', phone: '13812345679' },
      { name: '王六', phone: '13812345679' },
    );
    expect(b).toBe(a);
    expect(d).toBe(c);
    expect(e).not.toBe(c);
    const [f, g] = await ids({ name: '无名' }, { name: '无名' });
    expect(f).not.toBe(g);
  });

  it('finds persons by ID number or phone, through keyed digests only', async () => {
    const [stored] = await protection.encode('dispute-d-1', [opened([claimant])]);
    const personId = (stored.data.claimants as { personId: string }[])[0].personId;
    expect(await protection.personsMatching({ idNumber: '11010519491231002X' })).toEqual([personId]);
    expect(await protection.personsMatching({ phone: '138-1234-5678' })).toEqual([personId]);
    expect(await protection.personsMatching({ phone: '13900000000' })).toEqual([]);
    expect(JSON.stringify([...store.lookups.keys()])).not.toContain('13812345678');
  });

  it('reads an erased person as 已删除, marked erased, leaving the other claimants and every figure alone', async () => {
    const [stored] = await protection.encode('dispute-d-1', [opened([claimant, { name: '李四', phone: '13900001111' }])]);
    const [zhang, li] = stored.data.claimants as { personId: string }[];
    await protection.erase(zhang.personId, new Date('2026-11-30T00:00:00Z'));
    const [read] = await protection.decode([recorded(stored)]);
    expect(read.data.claimants).toEqual([
      { personId: zhang.personId, name: ERASED, idNumber: ERASED, phone: ERASED, erased: true },
      { personId: li.personId, name: '李四', phone: '13900001111' },
    ]);
    expect(read.data).toMatchObject({ workersInvolved: 3, amountClaimedFen: 1234500 });
    expect(await protection.personsMatching({ idNumber: claimant.idNumber })).toEqual([]);
    expect([...(await protection.erasures([zhang.personId, li.personId])).keys()]).toEqual([zhang.personId]);
  });

  it('caches keys briefly, and forgets one at once when an erasure passes through', async () => {
    const [stored] = await protection.encode('dispute-d-1', [opened([claimant])]);
    const personId = (stored.data.claimants as { personId: string }[])[0].personId;
    await protection.decode([recorded(stored)]);
    await protection.decode([recorded(stored)]);
    expect(store.calls.keysOf).toBe(0); // the key obtained on append is remembered
    // Destroyed elsewhere (another process): this one still opens until its cache expires...
    await store.destroy(personId, new Date());
    expect(((await protection.decode([recorded(stored)]))[0].data.claimants as { name: string }[])[0].name).toBe('张三');
    now += 61_000;
    expect(((await protection.decode([recorded(stored)]))[0].data.claimants as { name: string }[])[0].name).toBe(ERASED);
    // ...and with the erasure event in the same read, at once.
    const fresh = new PersonalDataProtection(store, master, { cacheSeconds: 60, now: () => now });
    const [again] = await fresh.encode('dispute-d-1', [opened([{ name: '赵六', idNumber: '110105194912310029' }])]);
    const zhao = (again.data.claimants as { personId: string }[])[0].personId;
    await store.destroy(zhao, new Date());
    const erasure = { ...recorded({ eventId: randomUUID(), type: 'PersonErased', data: { personId: zhao } }, 1), streamId: `person-${zhao}` };
    const [read] = await fresh.decode([recorded(again), erasure]);
    expect((read.data.claimants as { name: string }[])[0].name).toBe(ERASED);
  });

  it('seals the informant of a registration, in the data itself', async () => {
    const event: NewEvent = {
      eventId: randomUUID(),
      type: 'InformantRegistered',
      data: { informantId: 'i-1', name: '陈小红', phone: '13812345678', subDistrict: 'pinghu', enterprises: ['91440300708461136T'] },
    };
    const [stored] = await protection.encode('informant-i-1', [event]);
    expect(stored.data).toMatchObject({ informantId: 'i-1', subDistrict: 'pinghu', personId: expect.any(String) });
    expect(isSealed(stored.data.name)).toBe(true);
    expect(isSealed(stored.data.phone)).toBe(true);
    const [read] = await protection.decode([{ ...recorded(stored), streamId: 'informant-i-1' }]);
    expect(read.data).toEqual({ ...event.data, personId: stored.data.personId });
  });

  it('passes events without persons through untouched, without asking the store', async () => {
    const step: NewEvent = { eventId: randomUUID(), type: 'StepLogged', data: { kind: 'contact', note: '电话 13812345678', occurredAt: 'x' } };
    expect(await protection.encode('dispute-d-1', [step])).toEqual([step]);
    expect(await protection.decode([recorded(step)])).toEqual([recorded(step)].map((e) => ({ ...e, recordedAt: expect.any(Date) })));
    expect(store.calls).toEqual({ obtain: 0, keysOf: 0 });
  });

  it('keeps erased fields as they are when masking them for supervisors and lists', () => {
    expect(maskResidentId(ERASED)).toBe(ERASED);
    expect(maskPhone(ERASED)).toBe(ERASED);
    expect(maskResidentId(claimant.idNumber)).toBe('110105********002x');
  });

  it('leaves events written before sealing readable as they are', async () => {
    const legacy = recorded(opened([claimant]));
    const [read] = await protection.decode([legacy]);
    expect(read.data.claimants).toEqual([claimant]);
  });
});
