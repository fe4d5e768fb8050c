import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { maskedEventData } from '../shared/personal-data';
import { DisputeStreams } from '../shared/dispute-streams';
import { GetDisputeTimelineQuery } from './get-dispute-timeline.query';

export interface TimelineItem {
  version: number;
  type: string;
  data: Record<string, unknown>;
  actorId: string | null;
  actorRole: string | null;
  recordedAt: Date;
}

export interface DisputeTimeline {
  id: string;
  caseNo: string;
  version: number;
  events: TimelineItem[];
}

/** Every event of the case, oldest first: who did what, when. Personal data masked for everyone. */
@QueryHandler(GetDisputeTimelineQuery)
export class GetDisputeTimelineHandler implements IQueryHandler<GetDisputeTimelineQuery, DisputeTimeline> {
  constructor(private readonly disputes: DisputeStreams) {}

  async execute({ disputeId, actor }: GetDisputeTimelineQuery): Promise<DisputeTimeline> {
    const { record, version, events } = await this.disputes.load(disputeId, actor);
    return {
      id: disputeId,
      caseNo: record.caseNo,
      version,
      events: events.map((e) => ({
        version: e.streamVersion,
        type: e.type,
        data: maskedEventData(e.type, e.data),
        actorId: (e.metadata.actorId as string | undefined) ?? null,
        actorRole: (e.metadata.actorRole as string | undefined) ?? null,
        recordedAt: e.recordedAt,
      })),
    };
  }
}
