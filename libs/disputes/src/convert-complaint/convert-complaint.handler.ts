import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { deterministicUuid, EVENT_STORE, EventStore } from '@lc/event-store';
import { disputeFromComplaint } from '../complaint/complaint.decider';
import { disputeStreamId } from '../dispute-case/dispute-case.decider';
import { DisputeOpener, OpenedDispute } from '../open-dispute/dispute-opener';
import { ComplaintStreams } from '../shared/complaint-streams';
import { Written } from '@lc/http';
import { ConvertComplaintCommand } from './convert-complaint.command';

export interface ConvertedComplaint extends OpenedDispute {
  /** The complaint, now linked to the case. */
  complaint: Written;
}

/** One complaint becomes at most one case, so the case's id can be derived from the complaint's. */
export const disputeIdForComplaint = (complaintId: string): string => deterministicUuid('dispute-from-complaint', complaintId);

/**
 * Turns a complaint into a dispute case, in the order the decider's notes give: check the case
 * (nothing written yet), record the conversion on the complaint at its version (of two concurrent
 * conversions only one gets past this), then open the case. A conversion cut short between the two
 * appends is finished by the next try, with or without its Idempotency-Key: the complaint already
 * names the case's id, and the case is opened then.
 */
@CommandHandler(ConvertComplaintCommand)
export class ConvertComplaintHandler implements ICommandHandler<ConvertComplaintCommand, ConvertedComplaint> {
  constructor(
    private readonly complaints: ComplaintStreams,
    private readonly opener: DisputeOpener,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ complaintId, input, actor, expectedVersion, idempotencyKey }: ConvertComplaintCommand): Promise<ConvertedComplaint> {
    const { record, version } = await this.complaints.load(complaintId, actor);
    const disputeId = disputeIdForComplaint(complaintId);
    const details = { ...disputeFromComplaint(record, input), disputeId };
    this.opener.check(details, actor);

    let complaintVersion = version;
    const unfinished = record.status === 'converted' && record.disputeId === disputeId && !(await this.exists(disputeStreamId(disputeId)));
    // An unfinished conversion ignores If-Match: the version the client saw is the one before it.
    if (!unfinished) {
      const converted = await this.complaints.change(
        complaintId,
        actor,
        { type: 'ConvertComplaint', disputeId },
        { expectedVersion, idempotencyKey },
      );
      complaintVersion = converted.version;
    }
    const dispute = await this.opener.open(details, actor, { idempotencyKey });
    return { ...dispute, complaint: { id: complaintId, version: complaintVersion } };
  }

  private async exists(streamId: string): Promise<boolean> {
    return (await this.store.readStream(streamId, { maxCount: 1 })).length > 0;
  }
}
