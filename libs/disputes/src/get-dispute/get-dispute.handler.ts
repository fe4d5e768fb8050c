import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { seesPersonalData } from '@lc/access';
import { DisputeCase } from '../dispute-case/dispute-case.decider';
import { DisputeDocumentKind, disputeDocumentKinds } from '../dispute-case/documents';
import { maskClaimant } from '../shared/personal-data';
import { DisputeStreams } from '../shared/dispute-streams';
import { GetDisputeQuery } from './get-dispute.query';

export type DisputeDetail = Omit<DisputeCase, 'disputeId'> & {
  id: string;
  /** The documents the case can have now (GET /disputes/{id}/documents/{kind}). */
  documents: DisputeDocumentKind[];
  version: number;
};

/** The case as its stream says now: never behind, unlike the list. */
@QueryHandler(GetDisputeQuery)
export class GetDisputeHandler implements IQueryHandler<GetDisputeQuery, DisputeDetail> {
  constructor(private readonly disputes: DisputeStreams) {}

  async execute({ disputeId, actor }: GetDisputeQuery): Promise<DisputeDetail> {
    const { record, version } = await this.disputes.load(disputeId, actor);
    const { disputeId: id, claimants, ...rest } = record;
    return { id, ...rest, claimants: seesPersonalData(actor) ? claimants : claimants.map(maskClaimant), documents: disputeDocumentKinds(record), version };
  }
}
