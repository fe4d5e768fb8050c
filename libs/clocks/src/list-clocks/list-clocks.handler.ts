import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { applySort, pageOf } from '@lc/http';
import { requireSubDistrictInScope, resolveMediatorFilter } from '@lc/access';
import { Clock, CLOCK } from '@lc/decider';
import { ClockView } from '../clock.entity';
import { CLOCK_SORT_COLUMNS, ListClocksQuery } from './list-clocks.query';

@QueryHandler(ListClocksQuery)
export class ListClocksHandler implements IQueryHandler<ListClocksQuery> {
  constructor(
    @InjectRepository(ClockView) private readonly clocks: Repository<ClockView>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filter, actor }: ListClocksQuery) {
    const now = this.clock.now();
    requireSubDistrictInScope(actor, filter.subDistrict);
    const query = applySort(this.clocks.createQueryBuilder('c'), filter.sort, CLOCK_SORT_COLUMNS, 'c.clock_id').where('c.running');
    if (filter.status === 'overdue') query.andWhere('c.deadline_at <= :now', { now });
    if (filter.status === 'due_soon') query.andWhere('c.deadline_at > :now AND c.remind_at <= :now', { now });
    if (filter.kind) query.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter.mediatorId) query.andWhere('c.assigned_to = :mediatorId', { mediatorId: resolveMediatorFilter(filter.mediatorId, actor) });
    if (filter.creditCode) query.andWhere('c.employer_credit_code = :creditCode', { creditCode: filter.creditCode });
    if (filter.subDistrict) query.andWhere('c.sub_district = :subDistrict', { subDistrict: filter.subDistrict });
    // Mediators see the clocks of the work assigned to them; supervisors those of their scope.
    if (actor.role === 'mediator') query.andWhere('c.assigned_to = :me', { me: actor.id });
    if (actor.role === 'supervisor' && actor.subDistrict) query.andWhere('c.sub_district = :scope', { scope: actor.subDistrict });
    return pageOf(query, filter, (c) => ({
      clockId: c.clockId,
      kind: c.kind,
      subject: { kind: c.subjectStream.slice(0, c.subjectStream.indexOf('-')), stream: c.subjectStream, id: c.subjectId },
      /** The case number or the court's case number (null for an alert), and the employer: what people know the record by. */
      reference: c.reference,
      employerName: c.employerName,
      employerCreditCode: c.employerCreditCode,
      subDistrict: c.subDistrict,
      assignedTo: c.assignedTo,
      startedOn: c.startedOn,
      lastDay: c.lastDay,
      deadlineAt: c.deadlineAt,
      remindAt: c.remindAt,
      overdue: c.deadlineAt.getTime() <= now.getTime(),
      daysLeft: Math.ceil((c.deadlineAt.getTime() - now.getTime()) / 86_400_000),
    }));
  }
}
