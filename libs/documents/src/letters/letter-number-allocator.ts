import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@lc/decider';
import { ConcurrencyError, deterministicUuid, EVENT_STORE, EventStore } from '@lc/event-store';
import { district } from '@lc/reference-data';
import { LetterKind, letterNoFor } from './letter.decider';

/** One counter stream per district, kind and year: `letter-numbers-LG-reminder-letter-2026`. */
export function letterNumberStream(kind: LetterKind, year: number, districtCode?: string): string {
  return `letter-numbers-${district(districtCode).caseNoPrefix}-${kind}-${year}`;
}

const MAX_ATTEMPTS = 100;

/**
 * Numbers letters without gaps or doubles, as case numbers are (CaseNumberAllocator): the number
 * is the version of a `LetterNumberAllocated` event appended at the version just read. Its event
 * id derives from the letter id, so a retried issue gets the same number back.
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
    for (let attempt = 1; ; attempt++) {
      const [last] = await this.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      try {
        const { nextVersion } = await this.store.append(stream, [event], { expectedVersion: last?.streamVersion ?? 0 });
        return letterNoFor(kind, year, nextVersion);
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
        await sleep(Math.floor(Math.random() * Math.min(50, 2 * attempt)));
      }
    }
  }
}
