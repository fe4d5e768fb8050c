import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AlertLocation } from '../alert/alert.decider';
import type { RiskFactor } from '../risk-weights/risk-weights';

/** The alerts projection: what the triage list filters, the informant's own list and the enterprise view read. */
@Entity({ name: 'alerts' })
export class AlertView {
  @PrimaryColumn('uuid')
  id: string;

  /** submitted | acknowledged | verified | dismissed | converted */
  @Column('text')
  status: string;

  /** red | yellow | green. This and the points are null only until AlertGraded (appended with AlertSubmitted) is applied. */
  @Column('text', { nullable: true })
  grade: string | null;

  @Column('int', { nullable: true })
  points: number | null;

  @Column('jsonb', { nullable: true })
  breakdown: RiskFactor[] | null;

  @Column('int', { name: 'weights_version', nullable: true })
  weightsVersion: number | null;

  @Column('uuid', { name: 'informant_id' })
  informantId: string;

  @Column('text', { name: 'enterprise_name' })
  enterpriseName: string;

  @Column('text', { name: 'enterprise_credit_code' })
  enterpriseCreditCode: string;

  @Column('text', { name: 'sub_district' })
  subDistrict: string;

  @Column('text', { array: true })
  signals: string[];

  @Column('int', { name: 'workers_affected' })
  workersAffected: number;

  @Column('text')
  description: string;

  @Column('timestamptz', { name: 'observed_at' })
  observedAt: Date;

  @Column('jsonb', { nullable: true })
  location: AlertLocation | null;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt: Date;

  /** The Shanghai date of submittedAt: the day it counts as submitted. */
  @Column('date', { name: 'submitted_on' })
  submittedOn: string;

  /** Red and yellow alerts: acknowledge by then or it is escalated. */
  @Column('timestamptz', { name: 'pickup_deadline_at', nullable: true })
  pickupDeadlineAt: Date | null;

  @Column('timestamptz', { name: 'acknowledged_at', nullable: true })
  acknowledgedAt: Date | null;

  @Column('uuid', { name: 'acknowledged_by', nullable: true })
  acknowledgedBy: string | null;

  @Column('timestamptz', { name: 'verified_at', nullable: true })
  verifiedAt: Date | null;

  @Column('text', { name: 'verification_note', nullable: true })
  verificationNote: string | null;

  @Column('timestamptz', { name: 'dismissed_at', nullable: true })
  dismissedAt: Date | null;

  @Column('text', { name: 'dismissal_reason', nullable: true })
  dismissalReason: string | null;

  @Column('boolean')
  escalated: boolean;

  @Column('timestamptz', { name: 'escalated_at', nullable: true })
  escalatedAt: Date | null;

  /** The first escalation's: not_acknowledged_in_time | manual. */
  @Column('text', { name: 'escalation_reason', nullable: true })
  escalationReason: string | null;

  @Column('timestamptz', { name: 'converted_at', nullable: true })
  convertedAt: Date | null;

  /** The dispute case it became. */
  @Column('uuid', { name: 'dispute_id', nullable: true })
  disputeId: string | null;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('int')
  version: number;
}
