import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock, CLOCK, shanghaiDate, startOfShanghaiDay } from '@lc/decider';
import { DisputeCaseView } from '@lc/disputes';
import { MediationView } from '@lc/mediations';
import { AlertView } from '../read-model/alert.view';
import { restrictToScope } from '@lc/http';
import { GetEnterpriseQuery } from './get-enterprise.query';

/** How far back the view looks: the federation's watch-list counts repeated disputes over three years. */
export const ENTERPRISE_HISTORY_YEARS = 3;

export interface EnterpriseView {
  creditCode: string;
  /** Every name the enterprise was recorded under (most recent first): names change, codes do not. */
  names: string[];
  /** The first day the view covers (Shanghai calendar). */
  since: string;
  alerts: Array<{
    id: string;
    status: string;
    grade: string | null;
    points: number | null;
    subDistrict: string;
    signals: string[];
    workersAffected: number;
    submittedAt: Date;
    escalated: boolean;
    disputeId: string | null;
  }>;
  disputes: Array<{
    id: string;
    caseNo: string;
    status: string;
    channel: string;
    category: string;
    subDistrict: string;
    workersInvolved: number;
    groupDispute: boolean;
    openedOn: string;
    resolvedOn: string | null;
    outcome: string | null;
    amountClaimedFen: number;
    amountRecoveredFen: number;
    source: { kind: string; id: string } | null;
  }>;
  mediations: Array<{
    id: string;
    court: string;
    courtCaseNo: string;
    status: string;
    category: string;
    subDistrict: string;
    workersCount: number;
    referredOn: string;
    endedOn: string | null;
    amountWonFen: number | null;
  }>;
  /** The disputes above involving 30 or more workers (群体性劳资纠纷). */
  groupDisputes: Array<{ id: string; caseNo: string; workersInvolved: number; openedOn: string; status: string }>;
  totals: { alerts: number; disputes: number; groupDisputes: number; mediations: number; amountRecoveredFen: number; amountWonFen: number };
}

/** The same date some years earlier (29 February → 28 February). */
function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y - years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/**
 * Everything known about an employer over the last three years, from the read models: its
 * alerts, dispute cases (group disputes among them) and court-referred mediations, each limited
 * to the caller's scope. Work still open counts whenever it began.
 */
@QueryHandler(GetEnterpriseQuery)
export class GetEnterpriseHandler implements IQueryHandler<GetEnterpriseQuery, EnterpriseView> {
  constructor(
    @InjectRepository(AlertView) private readonly alerts: Repository<AlertView>,
    @InjectRepository(DisputeCaseView) private readonly disputes: Repository<DisputeCaseView>,
    @InjectRepository(MediationView) private readonly mediations: Repository<MediationView>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ creditCode, actor }: GetEnterpriseQuery): Promise<EnterpriseView> {
    const since = yearsBefore(shanghaiDate(this.clock.now()), ENTERPRISE_HISTORY_YEARS);

    const alertQuery = this.alerts
      .createQueryBuilder('a')
      .where('a.enterprise_credit_code = :creditCode', { creditCode })
      .andWhere(`(a.submitted_at >= :sinceInstant OR a.status IN ('submitted', 'acknowledged', 'verified'))`, { sinceInstant: startOfShanghaiDay(since) })
      .orderBy('a.submitted_at', 'DESC');
    restrictToScope(alertQuery, actor, { subDistrict: 'a.sub_district' });

    const disputeQuery = this.disputes
      .createQueryBuilder('d')
      .where('d.employer_credit_code = :creditCode', { creditCode })
      .andWhere(`(d.opened_on >= :since OR d.status = 'open')`, { since })
      .orderBy('d.opened_on', 'DESC')
      .addOrderBy('d.case_no', 'DESC');
    restrictToScope(disputeQuery, actor, { subDistrict: 'd.sub_district', assignedTo: 'd.mediator_id' });

    const mediationQuery = this.mediations
      .createQueryBuilder('m')
      .where('m.employer_credit_code = :creditCode', { creditCode })
      .andWhere(`(m.referred_on >= :since OR m.status IN ('referred', 'in_progress'))`, { since })
      .orderBy('m.referred_on', 'DESC');
    restrictToScope(mediationQuery, actor, { subDistrict: 'm.sub_district', assignedTo: 'm.mediator_id' });

    const [alerts, disputes, mediations] = await Promise.all([alertQuery.getMany(), disputeQuery.getMany(), mediationQuery.getMany()]);

    const named = [
      ...alerts.map((a) => ({ name: a.enterpriseName, at: a.submittedAt.getTime() })),
      ...disputes.map((d) => ({ name: d.employerName, at: startOfShanghaiDay(d.openedOn).getTime() })),
      ...mediations.map((m) => ({ name: m.employerName, at: startOfShanghaiDay(m.referredOn).getTime() })),
    ].sort((a, b) => b.at - a.at);
    const groupDisputes = disputes.filter((d) => d.groupDispute);

    return {
      creditCode,
      names: [...new Set(named.map((n) => n.name))],
      since,
      alerts: alerts.map((a) => ({
        id: a.id,
        status: a.status,
        grade: a.grade,
        points: a.points,
        subDistrict: a.subDistrict,
        signals: a.signals,
        workersAffected: a.workersAffected,
        submittedAt: a.submittedAt,
        escalated: a.escalated,
        disputeId: a.disputeId,
      })),
      disputes: disputes.map((d) => ({
        id: d.id,
        caseNo: d.caseNo,
        status: d.status,
        channel: d.channel,
        category: d.category,
        subDistrict: d.subDistrict,
        workersInvolved: d.workersInvolved,
        groupDispute: d.groupDispute,
        openedOn: d.openedOn,
        resolvedOn: d.resolvedOn,
        outcome: d.outcome,
        amountClaimedFen: d.amountClaimedFen,
        amountRecoveredFen: d.amountRecoveredFen,
        source: d.sourceKind && d.sourceId ? { kind: d.sourceKind, id: d.sourceId } : null,
      })),
      mediations: mediations.map((m) => ({
        id: m.id,
        court: m.court,
        courtCaseNo: m.courtCaseNo,
        status: m.status,
        category: m.category,
        subDistrict: m.subDistrict,
        workersCount: m.workersCount,
        referredOn: m.referredOn,
        endedOn: m.endedOn,
        amountWonFen: m.amountWonFen,
      })),
      groupDisputes: groupDisputes.map((d) => ({ id: d.id, caseNo: d.caseNo, workersInvolved: d.workersInvolved, openedOn: d.openedOn, status: d.status })),
      totals: {
        alerts: alerts.length,
        disputes: disputes.length,
        groupDisputes: groupDisputes.length,
        mediations: mediations.length,
        amountRecoveredFen: disputes.reduce((sum, d) => sum + d.amountRecoveredFen, 0),
        amountWonFen: mediations.reduce((sum, m) => sum + (m.amountWonFen ?? 0), 0),
      },
    };
  }
}
