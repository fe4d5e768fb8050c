import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@lc/decider';
import { deterministicUuid, EVENT_STORE, EventStore, nextNumbers } from '@lc/event-store';
import { district, subDistrict } from '@lc/reference-data';
import { caseNoFor } from '../dispute-case/case-number';

/** One counter stream per district, sub-district and year: `case-numbers-LG-PH-2026`. */
export function caseNumberStream(subDistrictCode: string, year: number, districtCode?: string): string {
  return `case-numbers-${district(districtCode).caseNoPrefix}-${subDistrict(subDistrictCode, districtCode).caseNoAbbrev}-${year}`;
}

export type CaseNumberAllocated = { type: 'CaseNumberAllocated'; data: { disputeId: string } };

/**
 * Hands out case numbers without gaps or doubles under concurrent openings: the number is the
 * version of a `CaseNumberAllocated` event in the counter stream (nextNumber). The event id derives
 * from the dispute id, so allocating again for the same dispute (a retried request) gets the same
 * number back.
 */
@Injectable()
export class CaseNumberAllocator {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async allocate(disputeId: string, subDistrictCode: string, year: number, actor: Actor): Promise<string> {
    const [caseNo] = await this.allocateMany([disputeId], subDistrictCode, year, actor);
    return caseNo;
  }

  /** Numbers for several cases of one sub-district and year, in the order given (an import's rows, in file order). */
  async allocateMany(disputeIds: string[], subDistrictCode: string, year: number, actor: Actor): Promise<string[]> {
    const events = disputeIds.map((disputeId) => ({
      eventId: deterministicUuid('case-number', disputeId),
      type: 'CaseNumberAllocated' satisfies CaseNumberAllocated['type'],
      data: { disputeId } satisfies CaseNumberAllocated['data'],
      metadata: { actorId: actor.id, actorRole: actor.role, schemaVersion: 1 },
    }));
    const numbers = await nextNumbers(this.store, caseNumberStream(subDistrictCode, year), events);
    return numbers.map((n) => caseNoFor(subDistrictCode, year, n));
  }
}
