import { Inject, Injectable } from '@nestjs/common';
import { RecordedEvent } from '@lc/event-store';
import { Projection, RegisterProjection } from '@lc/projections';
import { PersonalDataProtection } from './personal-data-protection';
import { PERSON_ERASED, PERSON_STREAM_PREFIX } from './personal-fields';
import { isPersonErased } from './read-models';

/**
 * Makes sure every recorded erasure has destroyed its key, whatever happened to the request that
 * recorded it (the API destroys the key right after appending; a crash in between is healed here).
 * Destroying is idempotent, so a replay does no harm.
 */
@Injectable()
@RegisterProjection()
export class PersonErasuresProjection implements Projection {
  readonly name = 'person-erasures';
  readonly filter = { streamPrefixes: [PERSON_STREAM_PREFIX], eventTypes: [PERSON_ERASED] };
  readonly tables: string[] = [];

  constructor(@Inject(PersonalDataProtection) private readonly protection: PersonalDataProtection) {}

  async apply(events: RecordedEvent[]): Promise<void> {
    for (const event of events) {
      if (isPersonErased(event)) await this.protection.erase(event.data.personId, new Date(String(event.data.erasedAt)));
    }
  }
}
