/**
 * Where the per-person keys live, outside the event log. Destroying a key makes every sealed
 * field of that person unreadable for good (crypto-shredding). PostgreSQL by default
 * (PostgresPersonKeyStore); a KMS-backed store implements the same port.
 */
export interface PersonKeyStore {
  /**
   * The person each request names, with their key: the one already known by the identity digest,
   * or a new person with a fresh key (always new when the identity is null: first sight). The
   * lookup digests are recorded for that person, so an administrator can find them later.
   */
  obtain(requests: PersonRequest[]): Promise<PersonKey[]>;
  /** The keys of these persons; erased (or unknown) persons are missing from the map. */
  keysOf(personIds: string[]): Promise<Map<string, Buffer>>;
  /** The persons any of these lookup digests was recorded for. */
  personsByLookup(digests: Buffer[]): Promise<string[]>;
  /** Destroys the person's key and lookups, and remembers when. Idempotent. */
  destroy(personId: string, erasedAt: Date): Promise<void>;
  /** When each of these persons was erased (erased ones only). */
  erasures(personIds: string[]): Promise<Map<string, Date>>;
}

export interface PersonRequest {
  /** Keyed digest of what identifies the person (ID number, else phone and name); null: a person of their own. */
  identity: Buffer | null;
  lookups: Buffer[];
}

export interface PersonKey {
  personId: string;
  key: Buffer;
}

/** The Nest injection token of the configured PersonKeyStore. */
export const PERSON_KEY_STORE = Symbol('PERSON_KEY_STORE');
