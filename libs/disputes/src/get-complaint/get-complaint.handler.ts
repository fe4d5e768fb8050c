import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Complaint } from '../complaint/complaint.decider';
import { ComplaintStreams } from '../shared/complaint-streams';
import { GetComplaintQuery } from './get-complaint.query';

export type ComplaintDetail = Omit<Complaint, 'complaintId'> & { id: string; version: number };

/** The complaint as its stream says now, with the case it became (disputeId) once converted. */
@QueryHandler(GetComplaintQuery)
export class GetComplaintHandler implements IQueryHandler<GetComplaintQuery, ComplaintDetail> {
  constructor(private readonly complaints: ComplaintStreams) {}

  async execute({ complaintId, actor }: GetComplaintQuery): Promise<ComplaintDetail> {
    const { record, version } = await this.complaints.load(complaintId, actor);
    const { complaintId: id, ...rest } = record;
    return { id, ...rest, version };
  }
}
