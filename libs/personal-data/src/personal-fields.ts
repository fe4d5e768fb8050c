/*
 * Which events carry whom: the claimants of a dispute, the workers of a court-referred mediation,
 * and the informant of a registration. Each such person gets a `personId` in the stored event,
 * and their name, ID number and phone are sealed under that person's key. Other fields stay as
 * they are (see docs/decisions/0012-personal-data-crypto-shredding.md for what is not covered).
 */

export const PERSONAL_FIELDS = ['name', 'idNumber', 'phone'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** Where the persons of an event type sit: a list of person objects in a field, or the event's data itself. */
export type PersonsAt = { list: string } | { self: true };

export const PERSONS_IN_EVENTS: Readonly<Record<string, PersonsAt>> = {
  DisputeOpened: { list: 'claimants' },
  MediationReferred: { list: 'workers' },
  InformantRegistered: { self: true },
};

/** The event type that records an erasure, and the stream prefix of persons. */
export const PERSON_ERASED = 'PersonErased';
export const PERSON_STREAM_PREFIX = 'person-';
export const personStreamId = (personId: string): string => `${PERSON_STREAM_PREFIX}${personId}`;

/** A person object as it sits in an event's data (plain, sealed, or erased). */
export interface PersonFields {
  personId?: string;
  name?: string;
  idNumber?: string;
  phone?: string;
  erased?: boolean;
  [other: string]: unknown;
}

/** The person objects of an event's data, where PERSONS_IN_EVENTS says they are (live references into `data`). */
export function personsIn(type: string, data: Record<string, unknown>): PersonFields[] {
  const at = PERSONS_IN_EVENTS[type];
  if (!at) return [];
  if ('self' in at) return [data as PersonFields];
  const list = data[at.list];
  return Array.isArray(list) ? list.filter((p): p is PersonFields => typeof p === 'object' && p !== null) : [];
}

/**
 * A copy of the data whose person objects (where PERSONS_IN_EVENTS says they are) can be changed in
 * place: those objects and the list that holds them are copied, everything else is shared, as
 * events are (never changed). A deep copy of the whole data was a sixth of the cost of opening a
 * rebuild's pages.
 */
export function copyPersons(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const at = PERSONS_IN_EVENTS[type];
  if (!at || 'self' in at) return { ...data };
  const list = data[at.list];
  return Array.isArray(list) ? { ...data, [at.list]: list.map((p: unknown) => (typeof p === 'object' && p !== null ? { ...p } : p)) } : { ...data };
}

/** Resident ID numbers in one form: trimmed, the check character upper case. */
export function normaliseIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** Phones as their digits, a mainland mobile without its +86. */
export function normalisePhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}
