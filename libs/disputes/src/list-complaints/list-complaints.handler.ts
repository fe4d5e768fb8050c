import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { applySort, containsPattern, Page, pageOf, restrictToScope } from '@lc/http';
import { requireSubDistrictInScope, resolveMediatorFilter } from '@lc/access';
import { ComplaintView } from '../read-model/complaint.view';
import { ListComplaintsQuery } from './list-complaints.query';
import { COMPLAINT_SORT_COLUMNS } from './list-complaints.schema';

export interface ComplaintListItem {
  id: string;
  status: string;
  source: string;
  workOrderNo: string | null;
  subDistrict: string;
  employer: { name: string; creditCode?: string } | null;
  summary: string;
  receivedAt: Date;
  receivedOn: string;
  handledOn: string | null;
  handlingNote: string | null;
  convertedOn: string | null;
  disputeId: string | null;
  /** The mediator who received it, then the one who handled or converted it. */
  mediatorId: string | null;
  updatedAt: Date;
  version: number;
}

/** Newest first, from the projection. */
@QueryHandler(ListComplaintsQuery)
export class ListComplaintsHandler implements IQueryHandler<ListComplaintsQuery, Page<ComplaintListItem>> {
  constructor(@InjectRepository(ComplaintView) private readonly complaints: Repository<ComplaintView>) {}

  async execute({ filter, actor }: ListComplaintsQuery): Promise<Page<ComplaintListItem>> {
    requireSubDistrictInScope(actor, filter.subDistrict);
    const query = applySort(this.complaints.createQueryBuilder('c'), filter.sort, COMPLAINT_SORT_COLUMNS, 'c.id');
    restrictToScope(query, actor, { subDistrict: 'c.sub_district' });
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.source) query.andWhere('c.source = :source', { source: filter.source });
    if (filter.subDistrict) query.andWhere('c.sub_district = :subDistrict', { subDistrict: filter.subDistrict });
    if (filter.mediatorId) query.andWhere('c.mediator_id = :mediatorId', { mediatorId: resolveMediatorFilter(filter.mediatorId, actor) });
    if (filter.creditCode) query.andWhere('c.employer_credit_code = :creditCode', { creditCode: filter.creditCode });
    if (filter.receivedFrom) query.andWhere('c.received_on >= :receivedFrom', { receivedFrom: filter.receivedFrom });
    if (filter.receivedTo) query.andWhere('c.received_on <= :receivedTo', { receivedTo: filter.receivedTo });
    if (filter.q) {
      query.andWhere(
        '(c.work_order_no ILIKE :q OR c.employer_name ILIKE :q OR c.employer_credit_code ILIKE :q OR c.summary ILIKE :q)',
        { q: containsPattern(filter.q) },
      );
    }
    return pageOf(query, filter, toItem);
  }
}

function toItem(c: ComplaintView): ComplaintListItem {
  return {
    id: c.id,
    status: c.status,
    source: c.source,
    workOrderNo: c.workOrderNo,
    subDistrict: c.subDistrict,
    employer: c.employerName === null ? null : { name: c.employerName, ...(c.employerCreditCode ? { creditCode: c.employerCreditCode } : {}) },
    summary: c.summary,
    receivedAt: c.receivedAt,
    receivedOn: c.receivedOn,
    handledOn: c.handledOn,
    handlingNote: c.handlingNote,
    convertedOn: c.convertedOn,
    disputeId: c.disputeId,
    mediatorId: c.mediatorId,
    updatedAt: c.updatedAt,
    version: c.version,
  };
}
