import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MediationStreams } from '../shared/mediation-streams';
import { maskedMediationEventData } from '../shared/personal-data';
import { GetMediationTimelineQuery } from './get-mediation-timeline.query';

export interface MediationTimelineItem {
  version: number;
  type: string;
  data: Record<string, unknown>;
  actorId: string | null;
  actorRole: string | null;
  recordedAt: Date;
}

export interface MediationTimeline {
  id: string;
  courtCaseNo: string;
  version: number;
  events: MediationTimelineItem[];
}

/**
 * Every event of the mediation, oldest first: who did what, when, including the clocks' reminders
 * and deadlines. Personal data masked for everyone.
 */
@QueryHandler(GetMediationTimelineQuery)
export class GetMediationTimelineHandler implements IQueryHandler<GetMediationTimelineQuery, MediationTimeline> {
  constructor(private readonly mediations: MediationStreams) {}

  async execute({ mediationId, actor }: GetMediationTimelineQuery): Promise<MediationTimeline> {
    const { record, version, events } = await this.mediations.load(mediationId, actor);
    return {
      id: mediationId,
      courtCaseNo: record.courtCaseNo,
      version,
      events: events.map((e) => ({
        version: e.streamVersion,
        type: e.type,
        data: maskedMediationEventData(e.type, e.data),
        actorId: (e.metadata.actorId as string | undefined) ?? null,
        actorRole: (e.metadata.actorRole as string | undefined) ?? null,
        recordedAt: e.recordedAt,
      })),
    };
  }
}
