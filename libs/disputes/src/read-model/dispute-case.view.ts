import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@lc/database';
import type { Claimant } from '@lc/parties';

/**
 * The dispute-cases projection: what the case list searches and filters. Claimants are kept
 * masked: only a case's detail, folded from its stream, shows their numbers in full.
 */
@Entity({ name: 'dispute_cases' })
export class DisputeCaseView {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { name: 'case_no' })
  caseNo: string;

  /** open | resolved */
  @Column('text')
  status: string;

  @Column('text')
  channel: string;

  @Column('text', { name: 'sub_district' })
  subDistrict: string;

  @Column('text')
  category: string;

  @Column('text', { name: 'employer_name' })
  employerName: string;

  @Column('text', { name: 'employer_credit_code' })
  employerCreditCode: string;

  @Column('int', { name: 'workers_involved' })
  workersInvolved: number;

  @Column('boolean', { name: 'group_dispute' })
  groupDispute: boolean;

  @Column('bigint', { name: 'amount_claimed_fen', transformer: bigintAsNumber })
  amountClaimedFen: number;

  @Column('bigint', { name: 'amount_recovered_fen', transformer: bigintAsNumber })
  amountRecoveredFen: number;

  @Column('text')
  summary: string;

  /** Masked (maskClaimant). */
  @Column('jsonb')
  claimants: Claimant[];

  /** The claimants' names, for the text search. */
  @Column('text', { name: 'claimant_names' })
  claimantNames: string;

  @Column('date', { name: 'opened_on' })
  openedOn: string;

  @Column('text', { name: 'mediator_id', nullable: true })
  mediatorId: string | null;

  @Column('int', { name: 'steps_logged' })
  stepsLogged: number;

  @Column('date', { name: 'resolved_on', nullable: true })
  resolvedOn: string | null;

  @Column('text', { nullable: true })
  outcome: string | null;

  @Column('int', { name: 'times_reopened' })
  timesReopened: number;

  /** complaint | alert: what the case was converted from. */
  @Column('text', { name: 'source_kind', nullable: true })
  sourceKind: string | null;

  @Column('text', { name: 'source_id', nullable: true })
  sourceId: string | null;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('int')
  version: number;
}
