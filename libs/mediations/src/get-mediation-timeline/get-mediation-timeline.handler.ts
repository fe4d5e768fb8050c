import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { nameActors, TimelineItem, timelineItem } from '@lc/audit-trail';
import { MediationStreams } from '../shared/mediation-streams';
import { maskedMediationEventData } from '../shared/personal-data';
import { GetMediationTimelineQuery } from './get-mediation-timeline.query';

export interface MediationTimeline {
  id: string;
  courtCaseNo: string;
  version: number;
  events: TimelineItem[];
}

/**
 * Every event of the mediation, oldest first: who did what, when, including the clocks' reminders
 * and deadlines. Personal data masked for everyone.
 */
@QueryHandler(GetMediationTimelineQuery)
export class GetMediationTimelineHandler implements IQueryHandler<GetMediationTimelineQuery, MediationTimeline> {
  constructor(
    private readonly mediations: MediationStreams,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ mediationId, actor }: GetMediationTimelineQuery): Promise<MediationTimeline> {
    const { record, version, events } = await this.mediations.load(mediationId, actor);
    return {
      id: mediationId,
      courtCaseNo: record.courtCaseNo,
      version,
      events: await nameActors(this.dataSource, events.map((e) => timelineItem(e, maskedMediationEventData))),
    };
  }
}
