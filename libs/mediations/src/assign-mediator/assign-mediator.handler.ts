import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { accountDecider, accountStream } from '@lc/accounts';
import { unprocessable } from '@lc/decider';
import { EVENT_STORE, EventStore, loadState } from '@lc/event-store';
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
      () => this.requireActiveMediator(input.mediatorId),
    );
    return { id, version };
  }

  /** Read from the account's stream, not the accounts list: a mediator created a moment ago counts. */
  private async requireActiveMediator(mediatorId: string): Promise<void> {
    const { state } = await loadState(this.store, accountDecider, accountStream(mediatorId));
    if (!state.exists || state.role !== 'mediator' || !state.active) {
      throw unprocessable(`${mediatorId} is not the id of an active mediator account`, 'mediatorId');
    }
  }
}
