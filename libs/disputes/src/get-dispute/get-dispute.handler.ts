import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuthenticatedActor } from '@lc/http';
import { DisputeCase } from '../dispute-case/dispute-case.decider';
import { maskClaimant } from '../shared/personal-data';
import { DisputeStreams } from '../shared/dispute-streams';
import { GetDisputeQuery } from './get-dispute.query';

export type DisputeDetail = Omit<DisputeCase, 'disputeId'> & { id: string; version: number };

/** Those who work cases (admins, mediators in scope) see claimants' ID numbers and phones; supervisors see them masked. */
export function seesPersonalData(actor: AuthenticatedActor): boolean {
  return actor.role === 'admin' || actor.role === 'mediator';
}

/** The case as its stream says now: never behind, unlike the list. */
@QueryHandler(GetDisputeQuery)
export class GetDisputeHandler implements IQueryHandler<GetDisputeQuery, DisputeDetail> {
  constructor(private readonly disputes: DisputeStreams) {}

  async execute({ disputeId, actor }: GetDisputeQuery): Promise<DisputeDetail> {
    const { record, version } = await this.disputes.load(disputeId, actor);
    const { disputeId: id, claimants, ...rest } = record;
    return { id, ...rest, claimants: seesPersonalData(actor) ? claimants : claimants.map(maskClaimant), version };
  }
}
