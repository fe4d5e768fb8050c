import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { nameActors, TimelineItem, timelineItem } from '@lc/audit-trail';
import { maskedEventData } from '../shared/personal-data';
import { DisputeStreams } from '../shared/dispute-streams';
import { GetDisputeTimelineQuery } from './get-dispute-timeline.query';

export interface DisputeTimeline {
  id: string;
  caseNo: string;
  version: number;
  events: TimelineItem[];
}

/** Every event of the case, oldest first: who did what, when. Personal data masked for everyone. */
@QueryHandler(GetDisputeTimelineQuery)
export class GetDisputeTimelineHandler implements IQueryHandler<GetDisputeTimelineQuery, DisputeTimeline> {
  constructor(
    private readonly disputes: DisputeStreams,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ disputeId, actor }: GetDisputeTimelineQuery): Promise<DisputeTimeline> {
    const { record, version, events } = await this.disputes.load(disputeId, actor);
    return {
      id: disputeId,
      caseNo: record.caseNo,
      version,
      events: await nameActors(this.dataSource, events.map((e) => timelineItem(e, maskedEventData))),
    };
  }
}
