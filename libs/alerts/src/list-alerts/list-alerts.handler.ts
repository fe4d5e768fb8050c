import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock, CLOCK, addDays, startOfShanghaiDay } from '@lc/decider';
import { applySort, containsPattern, Page, pageOf, restrictToScope } from '@lc/http';
import { requireSubDistrictInScope, resolveMediatorFilter } from '@lc/access';
import type { AlertLocation } from '../alert/alert.decider';
import type { RiskFactor } from '../risk-weights/risk-weights';
import { AlertView } from '../read-model/alert.view';
import { ListAlertsQuery } from './list-alerts.query';
import { ALERT_SORT_COLUMNS } from './list-alerts.schema';

export interface AlertListItem {
  id: string;
  status: string;
  grade: string | null;
  points: number | null;
  breakdown: RiskFactor[] | null;
  weightsVersion: number | null;
  informantId: string;
  enterprise: { name: string; creditCode: string };
  subDistrict: string;
  signals: string[];
  workersAffected: number;
  description: string;
  observedAt: Date;
  location: AlertLocation | null;
  submittedAt: Date;
  pickupDeadlineAt: Date | null;
  /** Not picked up, and past its pick-up deadline. */
  overdue: boolean;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  verifiedAt: Date | null;
  dismissedAt: Date | null;
  dismissalReason: string | null;
  escalated: boolean;
  escalatedAt: Date | null;
  escalationReason: string | null;
  convertedAt: Date | null;
  disputeId: string | null;
  updatedAt: Date;
  version: number;
}

const NOT_PICKED_UP = `a.status = 'submitted'`;

/** The triage list, most severe and newest first, from the projection, within the caller's scope. */
@QueryHandler(ListAlertsQuery)
export class ListAlertsHandler implements IQueryHandler<ListAlertsQuery, Page<AlertListItem>> {
  constructor(
    @InjectRepository(AlertView) private readonly alerts: Repository<AlertView>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filter, actor }: ListAlertsQuery): Promise<Page<AlertListItem>> {
    const now = this.clock.now();
    requireSubDistrictInScope(actor, filter.subDistrict);
    const query = applySort(this.alerts.createQueryBuilder('a'), filter.sort, ALERT_SORT_COLUMNS, 'a.id');
    restrictToScope(query, actor, { subDistrict: 'a.sub_district' });
    if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.grade) query.andWhere('a.grade = :grade', { grade: filter.grade });
    if (filter.subDistrict) query.andWhere('a.sub_district = :subDistrict', { subDistrict: filter.subDistrict });
    if (filter.informantId) query.andWhere('a.informant_id = :informantId', { informantId: filter.informantId });
    if (filter.mediatorId) query.andWhere('a.acknowledged_by = :mediatorId', { mediatorId: resolveMediatorFilter(filter.mediatorId, actor) });
    if (filter.submittedFrom) query.andWhere('a.submitted_at >= :from', { from: startOfShanghaiDay(filter.submittedFrom) });
    if (filter.submittedTo) query.andWhere('a.submitted_at < :to', { to: startOfShanghaiDay(addDays(filter.submittedTo, 1)) });
    if (filter.escalated !== undefined) query.andWhere('a.escalated = :escalated', { escalated: filter.escalated });
    if (filter.overdue !== undefined) {
      query.andWhere(
        filter.overdue
          ? `(${NOT_PICKED_UP} AND a.pickup_deadline_at <= :now)`
          : `NOT (${NOT_PICKED_UP} AND a.pickup_deadline_at IS NOT NULL AND a.pickup_deadline_at <= :now)`,
        { now },
      );
    }
    if (filter.creditCode) query.andWhere('a.enterprise_credit_code = :creditCode', { creditCode: filter.creditCode });
    if (filter.q) query.andWhere('(a.enterprise_name ILIKE :q OR a.description ILIKE :q)', { q: containsPattern(filter.q) });
    return pageOf(query, filter, (row) => toItem(row, now));
  }
}

export function toItem(a: AlertView, now: Date): AlertListItem {
  return {
    id: a.id,
    status: a.status,
    grade: a.grade,
    points: a.points,
    breakdown: a.breakdown,
    weightsVersion: a.weightsVersion,
    informantId: a.informantId,
    enterprise: { name: a.enterpriseName, creditCode: a.enterpriseCreditCode },
    subDistrict: a.subDistrict,
    signals: a.signals,
    workersAffected: a.workersAffected,
    description: a.description,
    observedAt: a.observedAt,
    location: a.location,
    submittedAt: a.submittedAt,
    pickupDeadlineAt: a.pickupDeadlineAt,
    overdue: a.status === 'submitted' && a.pickupDeadlineAt !== null && a.pickupDeadlineAt.getTime() <= now.getTime(),
    acknowledgedAt: a.acknowledgedAt,
    acknowledgedBy: a.acknowledgedBy,
    verifiedAt: a.verifiedAt,
    dismissedAt: a.dismissedAt,
    dismissalReason: a.dismissalReason,
    escalated: a.escalated,
    escalatedAt: a.escalatedAt,
    escalationReason: a.escalationReason,
    convertedAt: a.convertedAt,
    disputeId: a.disputeId,
    updatedAt: a.updatedAt,
    version: a.version,
  };
}
