import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requireAssignableMediator } from '@lc/accounts';
import { EVENT_STORE, EventStore } from '@lc/event-store';
import { resolveAccountRef, Written } from '@lc/http';
import { MediationStreams } from '../shared/mediation-streams';
import { AssignMediationMediatorCommand } from './assign-mediator.command';

/**
 * Gives the mediation to a mediator, who may then work it even outside their own sub-district.
 * The decider says who may (a mediator only takes unassigned work for themselves); the account
 * check here, that the mediator is active and within a sub-district supervisor's scope.
 */
@CommandHandler(AssignMediationMediatorCommand)
export class AssignMediationMediatorHandler implements ICommandHandler<AssignMediationMediatorCommand, Written> {
  constructor(
    private readonly mediations: MediationStreams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ mediationId, input, meta: { actor, expectedVersion, idempotencyKey } }: AssignMediationMediatorCommand): Promise<Written> {
    const mediatorId = resolveAccountRef(input.mediatorId, actor);
    const { id, version } = await this.mediations.change(
      mediationId,
      actor,
      { type: 'AssignMediationMediator', mediatorId },
      { expectedVersion, idempotencyKey },
      undefined,
      // Once the decider has said the caller may (a mediator naming a colleague is a 403 first,
      // whoever that is) and there is a change to append: the named account is an active mediator.
      async () => {
        await requireAssignableMediator(this.store, mediatorId, actor);
      },
    );
    return { id, version };
  }
}
