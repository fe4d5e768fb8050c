import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Written } from '@lc/http';
import { MediationStreams } from '../shared/mediation-streams';
import { ReachAgreementCommand } from './reach-agreement.command';

/** A mediation agreement: the amount won for workers, counted on agreedOn. Stops the mediation period's clock. */
@CommandHandler(ReachAgreementCommand)
export class ReachAgreementHandler implements ICommandHandler<ReachAgreementCommand, Written> {
  constructor(private readonly mediations: MediationStreams) {}

  async execute({ mediationId, input, meta: { actor, expectedVersion, idempotencyKey } }: ReachAgreementCommand): Promise<Written> {
    const { id, version } = await this.mediations.change(mediationId, actor, { type: 'ReachAgreement', ...input }, { expectedVersion, idempotencyKey });
    return { id, version };
  }
}
