import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ComplaintStreams } from '../shared/complaint-streams';
import { Written } from '@lc/http';
import { HandleComplaintCommand } from './handle-complaint.command';

/** Answered and closed (处置) without becoming a dispute case. */
@CommandHandler(HandleComplaintCommand)
export class HandleComplaintHandler implements ICommandHandler<HandleComplaintCommand, Written> {
  constructor(private readonly complaints: ComplaintStreams) {}

  async execute({ complaintId, input, meta: { actor, expectedVersion, idempotencyKey } }: HandleComplaintCommand): Promise<Written> {
    const { id, version } = await this.complaints.change(complaintId, actor, { type: 'HandleComplaint', ...input }, { expectedVersion, idempotencyKey });
    return { id, version };
  }
}
