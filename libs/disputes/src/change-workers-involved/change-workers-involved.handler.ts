import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DisputeStreams } from '../shared/dispute-streams';
import { Written } from '@lc/http';
import { ChangeWorkersInvolvedCommand } from './change-workers-involved.command';

/** A new count of workers involved; reaching 30 flags the case as a group dispute (supervisors are notified). */
@CommandHandler(ChangeWorkersInvolvedCommand)
export class ChangeWorkersInvolvedHandler implements ICommandHandler<ChangeWorkersInvolvedCommand, Written> {
  constructor(private readonly disputes: DisputeStreams) {}

  async execute({ disputeId, input, meta: { actor, expectedVersion, idempotencyKey } }: ChangeWorkersInvolvedCommand): Promise<Written> {
    const { id, version } = await this.disputes.change(
      disputeId,
      actor,
      { type: 'ChangeWorkersInvolved', ...input },
      { expectedVersion, idempotencyKey },
    );
    return { id, version };
  }
}
