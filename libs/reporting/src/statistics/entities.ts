import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@lc/database';

/*
 * The statistics projection's tables. The counters (reporting_daily_counts) are read by every
 * figure; the facts are what the projection remembers of each record to move its counters, and
 * what the medians, the informant coverage and the watch-list query directly.
 */

@Entity({ name: 'reporting_daily_counts' })
export class DailyCount {
  @PrimaryColumn('date')
  day: string;

  @PrimaryColumn('text', { name: 'sub_district' })
  subDistrict: string;

  @PrimaryColumn('text')
  category: string;

  @PrimaryColumn('text')
  channel: string;

  @PrimaryColumn('text')
  detail: string;

  @PrimaryColumn('text')
  metric: string;

  @Column('bigint', { transformer: bigintAsNumber })
  value: number;
}

@Entity({ name: 'reporting_dispute_facts' })
export class DisputeFactRow {
  @PrimaryColumn('text', { name: 'stream_id' })
  streamId: string;

  @Column('text', { name: 'dispute_id' })
  disputeId: string;

  @Column('text', { name: 'sub_district' })
  subDistrict: string;

  @Column('text')
  category: string;

  @Column('text')
  channel: string;

  @Column('text', { name: 'employer_name' })
  employerName: string;

  @Column('text', { name: 'employer_credit_code' })
  employerCreditCode: string;

  @Column('date', { name: 'opened_on' })
  openedOn: string;

  @Column('int', { name: 'workers_involved' })
  workersInvolved: number;

  @Column('boolean', { name: 'group_dispute' })
  groupDispute: boolean;

  @Column('date', { name: 'resolved_on', nullable: true })
  resolvedOn: string | null;

  @Column('text', { nullable: true })
  outcome: string | null;

  /** Fen recovered by Shanghai day: {"2022-05-03": 120000}. */
  @Column('jsonb')
  recoveries: Record<string, number>;

  @Column('bigint', { name: 'amount_recovered_fen', transformer: bigintAsNumber })
  amountRecoveredFen: number;
}

@Entity({ name: 'reporting_complaint_facts' })
export class ComplaintFactRow {
  @PrimaryColumn('text', { name: 'stream_id' })
  streamId: string;

  @Column('text', { name: 'sub_district' })
  subDistrict: string;

  @Column('text')
  source: string;

  @Column('date', { name: 'received_on' })
  receivedOn: string;

  @Column('date', { name: 'closed_on', nullable: true })
  closedOn: string | null;

  @Column('text', { name: 'closed_as', nullable: true })
  closedAs: 'handled' | 'converted' | null;
}

@Entity({ name: 'reporting_mediation_facts' })
export class MediationFactRow {
  @PrimaryColumn('text', { name: 'stream_id' })
  streamId: string;

  @Column('text', { name: 'sub_district' })
  subDistrict: string;

  @Column('text')
  category: string;

  @Column('text', { name: 'employer_name' })
  employerName: string;

  @Column('text', { name: 'employer_credit_code' })
  employerCreditCode: string;

  @Column('date', { name: 'referred_on' })
  referredOn: string;

  @Column('date', { name: 'ended_on', nullable: true })
  endedOn: string | null;

  @Column('text', { name: 'ended_as', nullable: true })
  endedAs: 'agreement' | 'failed' | 'withdrawn' | null;

  @Column('date', { name: 'agreed_on', nullable: true })
  agreedOn: string | null;

  @Column('bigint', { name: 'amount_fen', nullable: true, transformer: bigintAsNumber })
  amountFen: number | null;
}

@Entity({ name: 'reporting_alert_facts' })
export class AlertFactRow {
  @PrimaryColumn('text', { name: 'stream_id' })
  streamId: string;

  @Column('text', { name: 'alert_id' })
  alertId: string;

  @Column('text', { name: 'informant_id', nullable: true })
  informantId: string | null;

  @Column('text', { name: 'sub_district' })
  subDistrict: string;

  @Column('text', { name: 'enterprise_name', nullable: true })
  enterpriseName: string | null;

  @Column('text', { name: 'credit_code', nullable: true })
  creditCode: string | null;

  @Column('int', { name: 'workers_affected' })
  workersAffected: number;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt: Date;

  @Column('date', { name: 'submitted_on' })
  submittedOn: string;

  @Column('text', { nullable: true })
  grade: string | null;

  @Column('double precision', { nullable: true })
  points: number | null;

  @Column('timestamptz', { name: 'acknowledged_at', nullable: true })
  acknowledgedAt: Date | null;

  @Column('date', { name: 'acknowledged_on', nullable: true })
  acknowledgedOn: string | null;

  @Column('bigint', { name: 'ack_seconds', nullable: true, transformer: bigintAsNumber })
  ackSeconds: number | null;

  @Column('date', { name: 'escalated_on', nullable: true })
  escalatedOn: string | null;

  @Column('date', { name: 'converted_on', nullable: true })
  convertedOn: string | null;

  @Column('date', { name: 'dismissed_on', nullable: true })
  dismissedOn: string | null;
}

@Entity({ name: 'reporting_informant_facts' })
export class InformantFactRow {
  @PrimaryColumn('text', { name: 'informant_id' })
  informantId: string;

  @Column('text', { name: 'sub_district', nullable: true })
  subDistrict: string | null;

  @Column('boolean')
  registered: boolean;

  @Column('date', { name: 'registered_on', nullable: true })
  registeredOn: string | null;

  @Column('date', { name: 'first_alert_on', nullable: true })
  firstAlertOn: string | null;

  @Column('date', { name: 'deactivated_on', nullable: true })
  deactivatedOn: string | null;
}

export const STATISTICS_ENTITIES = [DailyCount, DisputeFactRow, ComplaintFactRow, MediationFactRow, AlertFactRow, InformantFactRow];
