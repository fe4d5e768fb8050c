import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requireActiveAccount } from '@lc/accounts';
import { EVENT_STORE, EventStore } from '@lc/event-store';
import { DisputeStreams } from '../shared/dispute-streams';
import { Written } from '@lc/http';
import { AssignMediatorCommand } from './assign-mediator.command';

/** Gives the case to a mediator, who may then work it even outside their own sub-district. */
@CommandHandler(AssignMediatorCommand)
export class AssignMediatorHandler implements ICommandHandler<AssignMediatorCommand, Written> {
  constructor(
    private readonly disputes: DisputeStreams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ disputeId, input, actor, expectedVersion, idempotencyKey }: AssignMediatorCommand): Promise<Written> {
    const { id, version } = await this.disputes.change(
      disputeId,
      actor,
      { type: 'AssignMediator', mediatorId: input.mediatorId },
      { expectedVersion, idempotencyKey },
      () => requireActiveAccount(this.store, input.mediatorId, 'mediator', 'mediatorId'),
    );
    return { id, version };
  }
}
