import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Written } from '@lc/http';
import { MediationStreams } from '../shared/mediation-streams';
import { ExtendMediationCommand } from './extend-mediation.command';

/** The one extension both parties agreed to; the mediation period ends extraDays later. */
@CommandHandler(ExtendMediationCommand)
export class ExtendMediationHandler implements ICommandHandler<ExtendMediationCommand, Written> {
  constructor(private readonly mediations: MediationStreams) {}

  async execute({ mediationId, input, meta: { actor, expectedVersion, idempotencyKey } }: ExtendMediationCommand): Promise<Written> {
    const { id, version } = await this.mediations.change(mediationId, actor, { type: 'ExtendMediation', ...input }, { expectedVersion, idempotencyKey });
    return { id, version };
  }
}
