import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { nameActors, timelineItem } from '@lc/audit-trail';
import { addDays, Clock, CLOCK, resolveHistoryWindow, shanghaiDate, startOfShanghaiDay } from '@lc/decider';
import { DisputeCaseView } from '@lc/disputes';
import { enterpriseLettersStream, LetterIssuedData, LetterKind } from '@lc/documents';
import { EVENT_STORE, EventStore } from '@lc/event-store';
import { MediationView } from '@lc/mediations';
import { AlertView } from '../read-model/alert.view';
import { restrictToScope } from '@lc/http';
import { inScope } from '@lc/access';
import { GetEnterpriseQuery } from './get-enterprise.query';

export interface EnterpriseView {
  creditCode: string;
  /**
   * The name most recently registered for the credit code: the one on its latest record by the
   * record's own date (opened, referred, submitted), not the record typed last (an import of old
   * cases does not rename the employer). The watch-list shows the same name.
   */
  name: string | null;
  /** Every name the enterprise was recorded under (most recent first): names change, codes do not. */
  names: string[];
  /** The days the view covers (Shanghai calendar, both included): the watch-list's window rule. */
  window: { from: string; to: string };
  /** window.from, kept for clients of before. */
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
  /**
   * The union's letters to the employer (提示函, 意见书, 建议书) issued in the window, newest first,
   * each with its number, who issued it and when, and the record it cites; read from the
   * enterprise's letters stream, so a letter is here as soon as it is issued.
   */
  letters: Array<{
    letterId: string;
    kind: LetterKind;
    letterNo: string;
    issuedOn: string;
    issuedAt: Date;
    issuedBy: { id: string | null; displayName: string | null };
    record: { kind: 'dispute' | 'mediation'; id: string; ref: string };
    subDistrict: string;
  }>;
  /** The disputes above involving 30 or more workers (群体性劳资纠纷). */
  groupDisputes: Array<{ id: string; caseNo: string; workersInvolved: number; openedOn: string; status: string }>;
  totals: { alerts: number; disputes: number; groupDisputes: number; mediations: number; amountRecoveredFen: number; amountWonFen: number };
}

/**
 * Everything known about an employer in a window (default: the three years to today), from the
 * read models: its alerts, dispute cases (group disputes among them) and court-referred
 * mediations dated in the window, each limited to the caller's scope. The window and the name
 * follow the watch-list's rules, so the page of an employer agrees with the line that ranked it.
 */
@QueryHandler(GetEnterpriseQuery)
export class GetEnterpriseHandler implements IQueryHandler<GetEnterpriseQuery, EnterpriseView> {
  constructor(
    @InjectRepository(AlertView) private readonly alerts: Repository<AlertView>,
    @InjectRepository(DisputeCaseView) private readonly disputes: Repository<DisputeCaseView>,
    @InjectRepository(MediationView) private readonly mediations: Repository<MediationView>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ creditCode, actor, window: asked }: GetEnterpriseQuery): Promise<EnterpriseView> {
    const window = resolveHistoryWindow(asked ?? {}, shanghaiDate(this.clock.now()));
    const range = { from: window.from, to: window.to };

    const alertQuery = this.alerts
      .createQueryBuilder('a')
      .where('a.enterprise_credit_code = :creditCode', { creditCode })
      .andWhere('a.submitted_at >= :fromInstant AND a.submitted_at < :toInstant', {
        fromInstant: startOfShanghaiDay(window.from),
        toInstant: startOfShanghaiDay(addDays(window.to, 1)),
      })
      .orderBy('a.submitted_at', 'DESC');
    restrictToScope(alertQuery, actor, { subDistrict: 'a.sub_district' });

    const disputeQuery = this.disputes
      .createQueryBuilder('d')
      .where('d.employer_credit_code = :creditCode', { creditCode })
      .andWhere('d.opened_on BETWEEN :from AND :to', range)
      .orderBy('d.opened_on', 'DESC')
      .addOrderBy('d.recorded_at', 'DESC');
    restrictToScope(disputeQuery, actor, { subDistrict: 'd.sub_district', assignedTo: 'd.mediator_id' });

    const mediationQuery = this.mediations
      .createQueryBuilder('m')
      .where('m.employer_credit_code = :creditCode', { creditCode })
      .andWhere('m.referred_on BETWEEN :from AND :to', range)
      .orderBy('m.referred_on', 'DESC')
      .addOrderBy('m.recorded_at', 'DESC');
    restrictToScope(mediationQuery, actor, { subDistrict: 'm.sub_district', assignedTo: 'm.mediator_id' });

    const [alerts, disputes, mediations, letterEvents] = await Promise.all([
      alertQuery.getMany(),
      disputeQuery.getMany(),
      mediationQuery.getMany(),
      this.store.readStream(enterpriseLettersStream(creditCode)),
    ]);
    // A letter is seen by those who may see the record it cites.
    const issued = letterEvents.filter((e) => {
      if (e.type !== 'LetterIssued') return false;
      const letter = e.data as unknown as LetterIssuedData;
      return letter.issuedOn >= window.from && letter.issuedOn <= window.to && inScope(actor, { subDistrict: letter.subDistrict, assignedTo: letter.mediatorId });
    });
    const namedLetters = await nameActors(this.dataSource, issued.map((e) => timelineItem(e, (_, data) => data)));
    const letters = namedLetters
      .map((item) => {
        const letter = item.data as unknown as LetterIssuedData;
        return {
          letterId: letter.letterId,
          kind: letter.kind,
          letterNo: letter.letterNo,
          issuedOn: letter.issuedOn,
          issuedAt: item.recordedAt,
          issuedBy: { id: item.actor.id, displayName: item.actor.displayName },
          record: letter.record,
          subDistrict: letter.subDistrict,
        };
      })
      .sort((a, b) => b.issuedOn.localeCompare(a.issuedOn) || b.issuedAt.getTime() - a.issuedAt.getTime());

    // By the record's own day, then by when it was recorded; the day of an alert is its Shanghai day.
    const named = [
      ...alerts.map((a) => ({ name: a.enterpriseName, on: shanghaiDate(a.submittedAt), at: a.submittedAt.getTime() })),
      ...disputes.map((d) => ({ name: d.employerName, on: d.openedOn, at: d.recordedAt.getTime() })),
      ...mediations.map((m) => ({ name: m.employerName, on: m.referredOn, at: m.recordedAt.getTime() })),
    ].sort((a, b) => b.on.localeCompare(a.on) || b.at - a.at);
    const groupDisputes = disputes.filter((d) => d.groupDispute);

    return {
      creditCode,
      name: named[0]?.name ?? null,
      names: [...new Set(named.map((n) => n.name))],
      window: range,
      since: window.from,
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
      letters,
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
