import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@lc/decider';
import { ConcurrencyError, deterministicUuid, EVENT_STORE, EventStore } from '@lc/event-store';
import { district, subDistrict } from '@lc/reference-data';
import { caseNoFor } from '../dispute-case/case-number';

/** One counter stream per district, sub-district and year: `case-numbers-LG-PH-2026`. */
export function caseNumberStream(subDistrictCode: string, year: number, districtCode?: string): string {
  return `case-numbers-${district(districtCode).caseNoPrefix}-${subDistrict(subDistrictCode, districtCode).caseNoAbbrev}-${year}`;
}

export type CaseNumberAllocated = { type: 'CaseNumberAllocated'; data: { disputeId: string } };

/** Enough for dozens of simultaneous openings in one sub-district: each round, one of them wins. */
const MAX_ATTEMPTS = 100;

/**
 * Hands out case numbers without gaps or doubles under concurrent openings. The number is the
 * version of a `CaseNumberAllocated` event in the counter stream, appended at the version just
 * read: two openings that read the same version cannot both append, and the loser reads again.
 * The event id derives from the dispute id, so allocating again for the same dispute (a retried
 * request) finds its event and gets the same number back.
 */
@Injectable()
export class CaseNumberAllocator {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async allocate(disputeId: string, subDistrictCode: string, year: number, actor: Actor): Promise<string> {
    const stream = caseNumberStream(subDistrictCode, year);
    const event = {
      eventId: deterministicUuid('case-number', disputeId),
      type: 'CaseNumberAllocated' satisfies CaseNumberAllocated['type'],
      data: { disputeId } satisfies CaseNumberAllocated['data'],
      metadata: { actorId: actor.id, actorRole: actor.role, schemaVersion: 1 },
    };
    for (let attempt = 1; ; attempt++) {
      const [last] = await this.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      try {
        const { nextVersion } = await this.store.append(stream, [event], { expectedVersion: last?.streamVersion ?? 0 });
        return caseNoFor(subDistrictCode, year, nextVersion);
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
        // A little jitter, so that the losers of one round do not all collide again in the next.
        await sleep(Math.floor(Math.random() * Math.min(50, 2 * attempt)));
      }
    }
  }
}
