import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requireAssignableMediator } from '@lc/accounts';
import { EVENT_STORE, EventStore } from '@lc/event-store';
import { resolveAccountRef, Written } from '@lc/http';
import { DisputeStreams } from '../shared/dispute-streams';
import { AssignMediatorCommand } from './assign-mediator.command';

/**
 * Gives the case to a mediator, who may then work it even outside their own sub-district. The
 * decider says who may (a mediator only takes unassigned work for themselves); the account check
 * here, that the mediator is active and within a sub-district supervisor's scope.
 */
@CommandHandler(AssignMediatorCommand)
export class AssignMediatorHandler implements ICommandHandler<AssignMediatorCommand, Written> {
  constructor(
    private readonly disputes: DisputeStreams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ disputeId, input, meta: { actor, expectedVersion, idempotencyKey } }: AssignMediatorCommand): Promise<Written> {
    const mediatorId = resolveAccountRef(input.mediatorId, actor);
    const { id, version } = await this.disputes.change(
      disputeId,
      actor,
      { type: 'AssignMediator', mediatorId },
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
