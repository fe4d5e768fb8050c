import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DisputeStreams } from '../shared/dispute-streams';
import { Written } from '@lc/http';
import { ReopenDisputeCommand } from './reopen-dispute.command';

/** Takes a resolved case up again (the employer did not pay as agreed...), on reopenedOn or today. */
@CommandHandler(ReopenDisputeCommand)
export class ReopenDisputeHandler implements ICommandHandler<ReopenDisputeCommand, Written> {
  constructor(private readonly disputes: DisputeStreams) {}

  async execute({ disputeId, input, meta: { actor, expectedVersion, idempotencyKey } }: ReopenDisputeCommand): Promise<Written> {
    const { id, version } = await this.disputes.change(disputeId, actor, { type: 'ReopenDispute', ...input }, { expectedVersion, idempotencyKey });
    return { id, version };
  }
}
