import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@lc/decider';
import { decideAndAppend, EVENT_STORE, EventStore } from '@lc/event-store';
import { writeContext } from '@lc/http';
import { domainActor } from '@lc/access';
import { PersonalDataProtection } from '../personal-data-protection';
import { personStreamId } from '../personal-fields';
import { person } from '../person/person.decider';
import { ErasePersonCommand } from './erase-person.command';

export interface ErasureDone {
  id: string;
  erasedAt: string;
  version: number;
}

/**
 * Erases a person's personal data (PIPL art. 47): records PersonErased on the person's stream
 * (the audit: who, when, why), then destroys their key. The event goes first so that no key is
 * ever destroyed without a record of it; the key is destroyed on every try, so a request retried
 * after a failure in between finishes the job (and the worker's erasure projection does it too).
 */
@CommandHandler(ErasePersonCommand)
export class ErasePersonHandler implements ICommandHandler<ErasePersonCommand, ErasureDone> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly protection: PersonalDataProtection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ personId, input, meta: { actor, idempotencyKey } }: ErasePersonCommand): Promise<ErasureDone> {
    const known = (await this.protection.keyKnown(personId)) || (await this.protection.erasures([personId])).has(personId);
    const result = await decideAndAppend(
      this.store,
      person,
      personStreamId(personId),
      { type: 'ErasePerson', personId, reason: input.reason, known, now: this.clock.now(), actor: domainActor(actor) },
      writeContext(actor, { idempotencyKey }),
    );
    if (result.state.status !== 'erased') throw new Error(`person ${personId} is not erased after its erasure`);
    await this.protection.erase(personId, new Date(result.state.erasedAt));
    return { id: personId, erasedAt: result.state.erasedAt, version: result.version };
  }
}
