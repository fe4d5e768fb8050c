import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { deterministicUuid } from '@lc/event-store';
import { disputeFromComplaint } from '../complaint/complaint.decider';
import { DisputeOpener, OpenedDispute } from '../open-dispute/dispute-opener';
import { ComplaintStreams } from '../shared/complaint-streams';
import { Written } from '@lc/http';
import { openingMediator } from '@lc/access';
import { ConvertComplaintCommand } from './convert-complaint.command';

export interface ConvertedComplaint extends OpenedDispute {
  /** The complaint, now linked to the case. */
  complaint: Written;
}

/** One complaint becomes at most one case, so the case's id can be derived from the complaint's. */
export const disputeIdForComplaint = (complaintId: string): string => deterministicUuid('dispute-from-complaint', complaintId);

/**
 * Turns a complaint into a dispute case (DisputeOpener.convert): the complaint stream and the case
 * stream read once each, OpenDispute and ConvertComplaint decided once each, ComplaintConverted
 * appended at the complaint's version, then the case opened with its number.
 */
@CommandHandler(ConvertComplaintCommand)
export class ConvertComplaintHandler implements ICommandHandler<ConvertComplaintCommand, ConvertedComplaint> {
  constructor(
    private readonly complaints: ComplaintStreams,
    private readonly opener: DisputeOpener,
  ) {}

  async execute({ complaintId, input, meta: { actor, expectedVersion, idempotencyKey } }: ConvertComplaintCommand): Promise<ConvertedComplaint> {
    const { confirmDuplicate, assignToMe, ...details } = input;
    const disputeId = disputeIdForComplaint(complaintId);
    const { record, ...dispute } = await this.opener.convert(
      {
        records: this.complaints,
        id: complaintId,
        command: { type: 'ConvertComplaint', disputeId },
        disputeId,
        details: (complaint) => disputeFromComplaint(complaint, details),
        convertedTo: (complaint) => (complaint.status === 'converted' ? complaint.disputeId : null),
        mediatorId: openingMediator(actor, assignToMe),
        confirmDuplicate,
      },
      actor,
      { expectedVersion, idempotencyKey },
    );
    return { ...dispute, complaint: record };
  }
}
