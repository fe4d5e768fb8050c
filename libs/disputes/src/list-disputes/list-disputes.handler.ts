import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { applySort, containsPattern, Page, pageOf, restrictToScope } from '@lc/http';
import { requireSubDistrictInScope, resolveMediatorFilter } from '@lc/access';
import type { Claimant } from '@lc/parties';
import { DisputeSource } from '../dispute-case/dispute-case.decider';
import { DisputeCaseView } from '../read-model/dispute-case.view';
import { ListDisputesQuery } from './list-disputes.query';
import { DISPUTE_SORT_COLUMNS } from './list-disputes.schema';

export interface DisputeListItem {
  id: string;
  caseNo: string;
  status: string;
  channel: string;
  subDistrict: string;
  category: string;
  employer: { name: string; creditCode: string };
  workersInvolved: number;
  groupDispute: boolean;
  amountClaimedFen: number;
  amountRecoveredFen: number;
  summary: string;
  /** Masked. */
  claimants: Claimant[];
  openedOn: string;
  mediatorId: string | null;
  stepsLogged: number;
  resolvedOn: string | null;
  outcome: string | null;
  timesReopened: number;
  source: DisputeSource | null;
  updatedAt: Date;
  version: number;
}

/** Newest first unless sorted otherwise, from the projection: a change shows once the worker has applied it. */
@QueryHandler(ListDisputesQuery)
export class ListDisputesHandler implements IQueryHandler<ListDisputesQuery, Page<DisputeListItem>> {
  constructor(@InjectRepository(DisputeCaseView) private readonly cases: Repository<DisputeCaseView>) {}

  async execute({ filter, actor }: ListDisputesQuery): Promise<Page<DisputeListItem>> {
    requireSubDistrictInScope(actor, filter.subDistrict);
    const query = applySort(this.cases.createQueryBuilder('d'), filter.sort, DISPUTE_SORT_COLUMNS, 'd.id');
    restrictToScope(query, actor, { subDistrict: 'd.sub_district', assignedTo: 'd.mediator_id' });
    if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
    if (filter.subDistrict) query.andWhere('d.sub_district = :subDistrict', { subDistrict: filter.subDistrict });
    if (filter.category) query.andWhere('d.category = :category', { category: filter.category });
    if (filter.channel) query.andWhere('d.channel = :channel', { channel: filter.channel });
    if (filter.mediatorId) query.andWhere('d.mediator_id = :mediatorId', { mediatorId: resolveMediatorFilter(filter.mediatorId, actor) });
    if (filter.creditCode) query.andWhere('d.employer_credit_code = :creditCode', { creditCode: filter.creditCode });
    if (filter.openedFrom) query.andWhere('d.opened_on >= :openedFrom', { openedFrom: filter.openedFrom });
    if (filter.openedTo) query.andWhere('d.opened_on <= :openedTo', { openedTo: filter.openedTo });
    if (filter.groupDispute !== undefined) query.andWhere('d.group_dispute = :groupDispute', { groupDispute: filter.groupDispute });
    if (filter.q) {
      query.andWhere(
        `(d.case_no ILIKE :q OR d.employer_name ILIKE :q OR d.employer_credit_code ILIKE :q
          OR d.claimant_names ILIKE :q OR d.summary ILIKE :q)`,
        { q: containsPattern(filter.q) },
      );
    }
    return pageOf(query, filter, toItem);
  }
}

function toItem(d: DisputeCaseView): DisputeListItem {
  return {
    id: d.id,
    caseNo: d.caseNo,
    status: d.status,
    channel: d.channel,
    subDistrict: d.subDistrict,
    category: d.category,
    employer: { name: d.employerName, creditCode: d.employerCreditCode },
    workersInvolved: d.workersInvolved,
    groupDispute: d.groupDispute,
    amountClaimedFen: d.amountClaimedFen,
    amountRecoveredFen: d.amountRecoveredFen,
    summary: d.summary,
    claimants: d.claimants,
    openedOn: d.openedOn,
    mediatorId: d.mediatorId,
    stepsLogged: d.stepsLogged,
    resolvedOn: d.resolvedOn,
    outcome: d.outcome,
    timesReopened: d.timesReopened,
    source: d.sourceKind && d.sourceId ? { kind: d.sourceKind as DisputeSource['kind'], id: d.sourceId } : null,
    updatedAt: d.updatedAt,
    version: d.version,
  };
}
