import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DisputeStreams } from '../shared/dispute-streams';
import { Written } from '@lc/http';
import { RecordRecoveryCommand } from './record-recovery.command';

/** Money won for workers (为职工争取经济利益), counted on recoveredOn. */
@CommandHandler(RecordRecoveryCommand)
export class RecordRecoveryHandler implements ICommandHandler<RecordRecoveryCommand, Written> {
  constructor(private readonly disputes: DisputeStreams) {}

  async execute({ disputeId, input, meta: { actor, expectedVersion, idempotencyKey } }: RecordRecoveryCommand): Promise<Written> {
    const { id, version } = await this.disputes.change(disputeId, actor, { type: 'RecordRecovery', ...input }, { expectedVersion, idempotencyKey });
    return { id, version };
  }
}
