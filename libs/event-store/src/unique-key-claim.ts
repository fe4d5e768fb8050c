import { deterministicUuid } from './decide-and-append';
import { ConcurrencyError, EventStore } from './event-store.port';

export interface UniqueKeyClaim {
  /** The claim stream: one per key value, e.g. `work-order-no-12351-2026-000123`. */
  streamId: string;
  /** The claim event's type, e.g. `WorkOrderNoClaimed`. */
  type: string;
  /** The record that takes the key. */
  ownerId: string;
  data?: Record<string, unknown>;
  actor: { id: string; role: string };
}

/**
 * First come, first served, across every replica and without a read model: a key's claim stream
 * can only be started once (expected version "no stream"). Returns the owner: this record's id
 * when the claim is its own (new, or made by an earlier try of the same request), otherwise the id
 * of the record that holds the key. The same pattern as usernames and case numbers.
 */
export async function claimUniqueKey(store: EventStore, claim: UniqueKeyClaim): Promise<{ ownerId: string; claimedNow: boolean }> {
  try {
    await store.append(
      claim.streamId,
      [
        {
          eventId: deterministicUuid(claim.type, claim.streamId, claim.ownerId),
          type: claim.type,
          data: { ownerId: claim.ownerId, ...claim.data },
          metadata: { actorId: claim.actor.id, actorRole: claim.actor.role, schemaVersion: 1 },
        },
      ],
      { expectedVersion: 'no_stream' },
    );
    return { ownerId: claim.ownerId, claimedNow: true };
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    const [first] = await store.readStream(claim.streamId, { maxCount: 1 });
    const ownerId = String(first?.data.ownerId ?? '');
    return { ownerId, claimedNow: false };
  }
}

/** A key as claim streams spell it: case and width of characters do not make another number. */
export function normalizedKey(value: string): string {
  return value
    .normalize('NFKC') // full-width （２０２６） → (2026)
    .replace(/\s+/g, '')
    .toUpperCase();
}
