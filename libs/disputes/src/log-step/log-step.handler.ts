import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DisputeStreams } from '../shared/dispute-streams';
import { Written } from '@lc/http';
import { LogStepCommand } from './log-step.command';

/** A contact, site visit, negotiation session, evidence or note on the case. */
@CommandHandler(LogStepCommand)
export class LogStepHandler implements ICommandHandler<LogStepCommand, Written> {
  constructor(private readonly disputes: DisputeStreams) {}

  async execute({ disputeId, input, meta: { actor, expectedVersion, idempotencyKey } }: LogStepCommand): Promise<Written> {
    const { id, version } = await this.disputes.change(disputeId, actor, { type: 'LogStep', ...input }, { expectedVersion, idempotencyKey });
    return { id, version };
  }
}
