import type { EventDataTransformer, NewEvent, RecordedEvent } from '@lc/event-store';
import { ERASED } from '@lc/reference-data';
import { isSealed, MasterKey, openField, sealField } from './cipher';
import { PersonKey, PersonKeyStore, PersonRequest } from './person-key-store';
import {
  copyPersons,
  normaliseIdNumber,
  normalisePhone,
  PERSON_ERASED,
  PERSONAL_FIELDS,
  PersonFields,
  personsIn,
  PERSONS_IN_EVENTS,
} from './personal-fields';

export interface ProtectionOptions {
  /** How long a decrypted key (or the knowledge that there is none) stays in this process's memory. */
  cacheSeconds: number;
  /** Entries kept at most; past that the cache starts over. */
  maxCacheEntries?: number;
  now?: () => number;
}

interface Cached<T> {
  value: T;
  expires: number;
}

/**
 * The edge of the event store where personal data is sealed and opened (crypto-shredding).
 *
 * On append, each person an event names gets a person id (known by their ID number, else by
 * phone and name, else new), and their name, ID number and phone are sealed under that person's
 * key. On read they are opened again; a person whose key was destroyed reads as ERASED (已删除)
 * with `erased: true`. Everything else in the event passes untouched, so counts and amounts never
 * change. Deciders and projections see plain events and never know.
 */
export class PersonalDataProtection implements EventDataTransformer {
  private readonly keys = new Map<string, Cached<Buffer | null>>();
  private waiting: Array<{ requests: PersonRequest[]; resolve(keys: PersonKey[]): void; reject(error: unknown): void }> = [];
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly store: PersonKeyStore,
    private readonly master: MasterKey,
    options: ProtectionOptions,
  ) {
    this.ttlMs = options.cacheSeconds * 1000;
    this.maxEntries = options.maxCacheEntries ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  // ---- encode ---------------------------------------------------------------------------------

  async encode(_streamId: string, events: NewEvent[]): Promise<NewEvent[]> {
    if (!events.some((e) => PERSONS_IN_EVENTS[e.type])) return events;
    const copies = events.map((e) => (PERSONS_IN_EVENTS[e.type] ? { ...e, data: copyPersons(e.type, e.data) } : e));
    const persons = copies.flatMap((e) => personsIn(e.type, e.data));
    await this.seal(persons);
    return copies;
  }

  /** Seals the plain fields of these person objects in place, assigning person ids. Already sealed ones are left alone. */
  async seal(persons: PersonFields[]): Promise<void> {
    const plain = persons.filter((p) => PERSONAL_FIELDS.some((f) => typeof p[f] === 'string' && !isSealed(p[f])));
    if (plain.length === 0) return;
    const obtained = await this.obtain(plain.map((p) => this.requestFor(p)));
    plain.forEach((person, i) => {
      const { personId, key } = obtained[i];
      person.personId = personId;
      for (const field of PERSONAL_FIELDS) {
        const value = person[field];
        if (typeof value === 'string' && !isSealed(value)) person[field] = sealField(key, personId, field, value);
      }
    });
  }

  private requestFor(person: PersonFields): PersonRequest {
    const idNumber = typeof person.idNumber === 'string' ? normaliseIdNumber(person.idNumber) : undefined;
    const phone = typeof person.phone === 'string' ? normalisePhone(person.phone) : undefined;
    const name = typeof person.name === 'string' ? person.name.trim() : '';
    // One person per ID number; without one, per phone and name; with neither, each appearance is its own person.
    const identity = idNumber
      ? this.master.digest('identity', `id:${idNumber}`)
      : phone
        ? this.master.digest('identity', `phone:${phone}\u0000name:${name}`)
        : null;
    return { identity, lookups: this.lookupDigests({ idNumber, phone }) };
  }

  /**
   * Not cached: an erasure elsewhere must not leave this process sealing new data under a
   * destroyed key. The requests of appends sealed in the same turn of the event loop (an import's
   * chunk, concurrent openings) go to the key store together: one statement and one commit for
   * all of them instead of one each, as appends share a commit in the event store.
   */
  private obtain(requests: PersonRequest[]): Promise<PersonKey[]> {
    return new Promise((resolve, reject) => {
      if (this.waiting.push({ requests, resolve, reject }) === 1) setImmediate(() => void this.obtainWaiting());
    });
  }

  private async obtainWaiting(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    try {
      const obtained = await this.store.obtain(batch.flatMap((b) => b.requests));
      for (const { personId, key } of obtained) this.remember(this.keys, personId, key);
      let next = 0;
      for (const b of batch) {
        b.resolve(obtained.slice(next, next + b.requests.length));
        next += b.requests.length;
      }
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }

  // ---- decode ---------------------------------------------------------------------------------

  async decode(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    // An erasure in this very batch: forget that key first, whatever the cache says.
    for (const e of events) if (e.type === PERSON_ERASED && typeof e.data.personId === 'string') this.forget(e.data.personId);
    if (!events.some((e) => PERSONS_IN_EVENTS[e.type])) return events;
    const copies = events.map((e) => (PERSONS_IN_EVENTS[e.type] ? { ...e, data: copyPersons(e.type, e.data) } : e));
    const persons = copies.flatMap((e) => personsIn(e.type, e.data)).filter((p) => typeof p.personId === 'string');
    const keys = await this.keysOf([...new Set(persons.map((p) => p.personId as string))]);
    for (const person of persons) open(person, keys.get(person.personId as string) ?? null);
    return copies;
  }

  private async keysOf(personIds: string[]): Promise<Map<string, Buffer | null>> {
    const now = this.now();
    const found = new Map<string, Buffer | null>();
    const missing: string[] = [];
    for (const id of personIds) {
      const hit = this.keys.get(id);
      if (hit && hit.expires > now) found.set(id, hit.value);
      else missing.push(id);
    }
    if (missing.length) {
      const loaded = await this.store.keysOf(missing);
      for (const id of missing) {
        const key = loaded.get(id) ?? null;
        found.set(id, key);
        this.remember(this.keys, id, key);
      }
    }
    return found;
  }

  // ---- lookups and erasure ----------------------------------------------------------------------

  /** The keyed digests under which a person with this ID number and phone can be found. */
  lookupDigests(of: { idNumber?: string; phone?: string }): Buffer[] {
    const digests: Buffer[] = [];
    if (of.idNumber) digests.push(this.master.digest('idNumber', normaliseIdNumber(of.idNumber)));
    if (of.phone && normalisePhone(of.phone)) digests.push(this.master.digest('phone', normalisePhone(of.phone)));
    return digests;
  }

  /**
   * The ids of persons on record with this ID number or this phone (either matches); erased persons
   * are not found. For administrators answering a data subject, and for duplicate checks.
   */
  personsMatching(of: { idNumber?: string; phone?: string }): Promise<string[]> {
    return this.store.personsByLookup(this.lookupDigests(of));
  }

  /** Destroys the person's key in the store and in this process's memory. */
  async erase(personId: string, erasedAt: Date): Promise<void> {
    this.forget(personId);
    await this.store.destroy(personId, erasedAt);
    this.forget(personId);
  }

  /** Whether the person's key is in the store (read there, not from the cache). */
  async keyKnown(personId: string): Promise<boolean> {
    return (await this.store.keysOf([personId])).has(personId);
  }

  erasures(personIds: string[]): Promise<Map<string, Date>> {
    return this.store.erasures(personIds);
  }

  /** Drops what this process remembers of the person's key. */
  forget(personId: string): void {
    this.keys.delete(personId);
  }

  private remember<T>(cache: Map<string, Cached<T>>, key: string, value: T): void {
    if (this.ttlMs <= 0) return;
    if (cache.size >= this.maxEntries) cache.clear();
    cache.set(key, { value, expires: this.now() + this.ttlMs });
  }
}

/** Opens the sealed fields of one person object in place; without a key, they read as erased. */
function open(person: PersonFields, key: Buffer | null): void {
  const personId = person.personId as string;
  let erased = false;
  for (const field of PERSONAL_FIELDS) {
    const value = person[field];
    if (!isSealed(value)) continue;
    if (key) {
      person[field] = openField(key, personId, field, value);
    } else {
      person[field] = ERASED;
      erased = true;
    }
  }
  if (erased) person.erased = true;
}
