import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { applySort, containsPattern, Page, pageOf, restrictToScope } from '@lc/http';
import { requireSubDistrictInScope, resolveMediatorFilter } from '@lc/access';
import { Employer, MediationWorker } from '../mediation/mediation.decider';
import { MediationView } from '../read-model/mediation.view';
import { ListMediationsQuery } from './list-mediations.query';
import { MEDIATION_SORT_COLUMNS } from './list-mediations.schema';

export interface MediationListItem {
  id: string;
  court: string;
  courtCaseNo: string;
  status: string;
  subDistrict: string;
  category: string;
  employer: Employer;
  /** Masked. */
  workers: MediationWorker[];
  claimAmountFen: number;
  referredOn: string;
  mediatorId: string | null;
  sessionsHeld: number;
  lastSessionOn: string | null;
  extraDays: number;
  deadlineOn: string;
  agreedOn: string | null;
  /** The agreed amount (the amount won for workers); null without an agreement. */
  amountFen: number | null;
  judicialConfirmation: string;
  judicialConfirmationAppliedOn: string | null;
  judicialConfirmationDecidedOn: string | null;
  judicialConfirmationDeadlineOn: string | null;
  failedOn: string | null;
  withdrawnOn: string | null;
  updatedAt: Date;
  version: number;
}

/** Newest referral first, from the projection: a change shows once the worker has applied it. */
@QueryHandler(ListMediationsQuery)
export class ListMediationsHandler implements IQueryHandler<ListMediationsQuery, Page<MediationListItem>> {
  constructor(@InjectRepository(MediationView) private readonly mediations: Repository<MediationView>) {}

  async execute({ filter, actor }: ListMediationsQuery): Promise<Page<MediationListItem>> {
    requireSubDistrictInScope(actor, filter.subDistrict);
    const query = applySort(this.mediations.createQueryBuilder('m'), filter.sort, MEDIATION_SORT_COLUMNS, 'm.id');
    restrictToScope(query, actor, { subDistrict: 'm.sub_district', assignedTo: 'm.mediator_id' });
    if (filter.status) query.andWhere('m.status = :status', { status: filter.status });
    if (filter.subDistrict) query.andWhere('m.sub_district = :subDistrict', { subDistrict: filter.subDistrict });
    if (filter.category) query.andWhere('m.category = :category', { category: filter.category });
    if (filter.mediatorId) query.andWhere('m.mediator_id = :mediatorId', { mediatorId: resolveMediatorFilter(filter.mediatorId, actor) });
    if (filter.creditCode) query.andWhere('m.employer_credit_code = :creditCode', { creditCode: filter.creditCode });
    if (filter.referredFrom) query.andWhere('m.referred_on >= :referredFrom', { referredFrom: filter.referredFrom });
    if (filter.referredTo) query.andWhere('m.referred_on <= :referredTo', { referredTo: filter.referredTo });
    if (filter.agreedFrom) query.andWhere('m.agreed_on >= :agreedFrom', { agreedFrom: filter.agreedFrom });
    if (filter.agreedTo) query.andWhere('m.agreed_on <= :agreedTo', { agreedTo: filter.agreedTo });
    if (filter.judicialConfirmation) {
      query.andWhere('m.judicial_confirmation = :judicialConfirmation', { judicialConfirmation: filter.judicialConfirmation });
    }
    if (filter.q) {
      query.andWhere(
        `(m.court_case_no ILIKE :q OR m.court ILIKE :q OR m.employer_name ILIKE :q OR m.employer_credit_code ILIKE :q
          OR m.worker_names ILIKE :q)`,
        { q: containsPattern(filter.q) },
      );
    }
    return pageOf(query, filter, toItem);
  }
}

function toItem(m: MediationView): MediationListItem {
  return {
    id: m.id,
    court: m.court,
    courtCaseNo: m.courtCaseNo,
    status: m.status,
    subDistrict: m.subDistrict,
    category: m.category,
    employer: { name: m.employerName, creditCode: m.employerCreditCode },
    workers: m.workers,
    claimAmountFen: m.claimAmountFen,
    referredOn: m.referredOn,
    mediatorId: m.mediatorId,
    sessionsHeld: m.sessionsHeld,
    lastSessionOn: m.lastSessionOn,
    extraDays: m.extraDays,
    deadlineOn: m.deadlineOn,
    agreedOn: m.agreedOn,
    amountFen: m.amountWonFen,
    judicialConfirmation: m.judicialConfirmation,
    judicialConfirmationAppliedOn: m.judicialConfirmationAppliedOn,
    judicialConfirmationDecidedOn: m.judicialConfirmationDecidedOn,
    judicialConfirmationDeadlineOn: m.judicialConfirmationDeadlineOn,
    failedOn: m.failedOn,
    withdrawnOn: m.withdrawnOn,
    updatedAt: m.updatedAt,
    version: m.version,
  };
}
