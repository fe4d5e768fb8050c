import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Written } from '@lc/http';
import { MediationStreams } from '../shared/mediation-streams';
import { WithdrawMediationCommand } from './withdraw-mediation.command';

/** The workers withdrew (or the court took the case back) before an agreement. */
@CommandHandler(WithdrawMediationCommand)
export class WithdrawMediationHandler implements ICommandHandler<WithdrawMediationCommand, Written> {
  constructor(private readonly mediations: MediationStreams) {}

  async execute({ mediationId, input, meta: { actor, expectedVersion, idempotencyKey } }: WithdrawMediationCommand): Promise<Written> {
    const { id, version } = await this.mediations.change(mediationId, actor, { type: 'WithdrawMediation', ...input }, { expectedVersion, idempotencyKey });
    return { id, version };
  }
}
