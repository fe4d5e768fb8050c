import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@lc/decider';
import { deterministicUuid, EVENT_STORE, EventStore, nextNumber } from '@lc/event-store';
import { district } from '@lc/reference-data';
import { LetterKind, letterNoFor } from './letter.decider';

/** One counter stream per district, kind and year: `letter-numbers-LG-reminder-letter-2026`. */
export function letterNumberStream(kind: LetterKind, year: number, districtCode?: string): string {
  return `letter-numbers-${district(districtCode).caseNoPrefix}-${kind}-${year}`;
}

/**
 * Numbers letters without gaps or doubles, as case numbers are: the number is the version of a
 * `LetterNumberAllocated` event in the counter stream (nextNumber). Its event id derives from the
 * letter id, so a retried issue gets the same number back.
 */
@Injectable()
export class LetterNumberAllocator {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async allocate(letterId: string, kind: LetterKind, year: number, actor: Actor): Promise<string> {
    const stream = letterNumberStream(kind, year);
    const eventId = deterministicUuid('letter-number', letterId);
    const mine = (await this.store.readStream(stream)).find((e) => e.eventId === eventId);
    if (mine) return letterNoFor(kind, year, mine.streamVersion);
    const event = { eventId, type: 'LetterNumberAllocated', data: { letterId }, metadata: { actorId: actor.id, actorRole: actor.role, schemaVersion: 1 } };
    return letterNoFor(kind, year, await nextNumber(this.store, stream, event));
  }
}
