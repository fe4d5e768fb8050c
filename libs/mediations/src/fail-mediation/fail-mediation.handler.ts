import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Written } from '@lc/http';
import { MediationStreams } from '../shared/mediation-streams';
import { FailMediationCommand } from './fail-mediation.command';

/** No agreement: the case returns to the court for filing. */
@CommandHandler(FailMediationCommand)
export class FailMediationHandler implements ICommandHandler<FailMediationCommand, Written> {
  constructor(private readonly mediations: MediationStreams) {}

  async execute({ mediationId, input, meta: { actor, expectedVersion, idempotencyKey } }: FailMediationCommand): Promise<Written> {
    const { id, version } = await this.mediations.change(mediationId, actor, { type: 'FailMediation', ...input }, { expectedVersion, idempotencyKey });
    return { id, version };
  }
}
