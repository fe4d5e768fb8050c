import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK, DomainError, DuplicateRecordError } from '@lc/decider';
import { claimUniqueKey, decideAndAppend, deterministicUuid, EVENT_STORE, EventStore, normalizedKey } from '@lc/event-store';
import { commandKey, writeContext, Written } from '@lc/http';
import { domainActor, inScope, openingMediator } from '@lc/access';
import { mediation, mediationStreamId } from '../mediation/mediation.decider';
import { ReferMediationCommand } from './refer-mediation.command';

/** One claim stream per court case number (案号): a court refers a case once. */
export function courtCaseNoStream(courtCaseNo: string): string {
  return `court-case-no-${normalizedKey(courtCaseNo)}`;
}

/**
 * Records a court's referral; the mediation period starts on referredOn. A court case number
 * already referred answers 409 `duplicate` naming that mediation, and appends nothing.
 */
@CommandHandler(ReferMediationCommand)
export class ReferMediationHandler implements ICommandHandler<ReferMediationCommand, Written> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, meta: { actor, idempotencyKey } }: ReferMediationCommand): Promise<Written> {
    if (!inScope(actor, { subDistrict: input.subDistrict })) {
      throw new DomainError('forbidden', `A ${actor.role} of ${actor.subDistrict} may not record mediations in ${input.subDistrict}`, [
        { field: 'subDistrict', message: 'is outside your sub-district' },
      ]);
    }
    // From the key, so that a retry after a crash records this same referral rather than a second one.
    const key = commandKey(actor, idempotencyKey);
    const mediationId = key ? deterministicUuid('mediation', key) : randomUUID();
    const { assignToMe, ...details } = input;
    const mediatorId = openingMediator(actor, assignToMe);
    const result = await decideAndAppend(
      this.store,
      mediation,
      mediationStreamId(mediationId),
      { type: 'ReferMediation', ...details, mediationId, mediatorId, now: this.clock.now(), actor: domainActor(actor) },
      {
        ...writeContext(actor, { idempotencyKey }),
        beforeAppend: async () => {
          const { ownerId } = await claimUniqueKey(this.store, {
            streamId: courtCaseNoStream(input.courtCaseNo),
            type: 'CourtCaseNoClaimed',
            ownerId: mediationId,
            data: { courtCaseNo: input.courtCaseNo },
            actor,
          });
          if (ownerId !== mediationId) {
            throw new DuplicateRecordError(
              `Court case ${input.courtCaseNo} was referred already`,
              { kind: 'mediation', id: ownerId },
              [{ field: 'courtCaseNo', message: 'was referred already' }],
            );
          }
        },
      },
    );
    return { id: mediationId, version: result.version };
  }
}
