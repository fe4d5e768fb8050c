import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Written } from '@lc/http';
import { MediationStreams } from '../shared/mediation-streams';
import { HoldSessionCommand } from './hold-session.command';

/** A mediation session (in person, by phone or video); the first one puts the mediation in progress. */
@CommandHandler(HoldSessionCommand)
export class HoldSessionHandler implements ICommandHandler<HoldSessionCommand, Written> {
  constructor(private readonly mediations: MediationStreams) {}

  async execute({ mediationId, input, meta: { actor, expectedVersion, idempotencyKey } }: HoldSessionCommand): Promise<Written> {
    const { id, version } = await this.mediations.change(mediationId, actor, { type: 'HoldSession', ...input }, { expectedVersion, idempotencyKey });
    return { id, version };
  }
}
