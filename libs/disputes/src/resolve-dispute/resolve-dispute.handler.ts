import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DisputeStreams } from '../shared/dispute-streams';
import { Written } from '@lc/http';
import { ResolveDisputeCommand } from './resolve-dispute.command';

/** Closes the case with its outcome; a second resolution needs a reopen first. */
@CommandHandler(ResolveDisputeCommand)
export class ResolveDisputeHandler implements ICommandHandler<ResolveDisputeCommand, Written> {
  constructor(private readonly disputes: DisputeStreams) {}

  async execute({ disputeId, input, meta: { actor, expectedVersion, idempotencyKey } }: ResolveDisputeCommand): Promise<Written> {
    const { id, version } = await this.disputes.change(disputeId, actor, { type: 'ResolveDispute', ...input }, { expectedVersion, idempotencyKey });
    return { id, version };
  }
}
