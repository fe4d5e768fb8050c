import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requireActiveAccount } from '@lc/accounts';
import { EVENT_STORE, EventStore } from '@lc/event-store';
import { Written } from '@lc/http';
import { MediationStreams } from '../shared/mediation-streams';
import { AssignMediationMediatorCommand } from './assign-mediator.command';

/** Gives the mediation to a mediator, who may then work it even outside their own sub-district. */
@CommandHandler(AssignMediationMediatorCommand)
export class AssignMediationMediatorHandler implements ICommandHandler<AssignMediationMediatorCommand, Written> {
  constructor(
    private readonly mediations: MediationStreams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ mediationId, input, actor, expectedVersion, idempotencyKey }: AssignMediationMediatorCommand): Promise<Written> {
    const { id, version } = await this.mediations.change(
      mediationId,
      actor,
      { type: 'AssignMediationMediator', mediatorId: input.mediatorId },
      { expectedVersion, idempotencyKey },
      () => requireActiveAccount(this.store, input.mediatorId, 'mediator', 'mediatorId'),
    );
    return { id, version };
  }
}
