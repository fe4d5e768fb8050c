import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@lc/database';
import type { MediationWorker } from '../mediation/mediation.decider';

/**
 * The mediations projection: what the mediation list searches and filters, what reports count
 * (the amount won on its agreement date) and what the clocks reconcile from (deadline_on of the
 * running ones). Workers are kept masked: only a mediation's detail, folded from its stream, shows
 * their numbers in full.
 */
@Entity({ name: 'mediations' })
export class MediationView {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  court: string;

  @Column('text', { name: 'court_case_no' })
  courtCaseNo: string;

  /** referred | in_progress | agreed | failed | withdrawn */
  @Column('text')
  status: string;

  @Column('text', { name: 'sub_district' })
  subDistrict: string;

  @Column('text')
  category: string;

  @Column('text', { name: 'employer_name' })
  employerName: string;

  @Column('text', { name: 'employer_credit_code' })
  employerCreditCode: string;

  /** Masked (maskWorker). */
  @Column('jsonb')
  workers: MediationWorker[];

  /** The workers' names, for the text search. */
  @Column('text', { name: 'worker_names' })
  workerNames: string;

  @Column('int', { name: 'workers_count' })
  workersCount: number;

  @Column('bigint', { name: 'claim_amount_fen', transformer: bigintAsNumber })
  claimAmountFen: number;

  @Column('date', { name: 'referred_on' })
  referredOn: string;

  @Column('text', { name: 'mediator_id', nullable: true })
  mediatorId: string | null;

  @Column('int', { name: 'sessions_held' })
  sessionsHeld: number;

  @Column('date', { name: 'last_session_on', nullable: true })
  lastSessionOn: string | null;

  @Column('int', { name: 'extra_days' })
  extraDays: number;

  /** The last day of the mediation period (mediationDeadline). */
  @Column('date', { name: 'deadline_on' })
  deadlineOn: string;

  @Column('date', { name: 'agreed_on', nullable: true })
  agreedOn: string | null;

  /** The agreed amount: the amount won for workers, counted on agreed_on. */
  @Column('bigint', { name: 'amount_won_fen', nullable: true, transformer: bigintAsNumber })
  amountWonFen: number | null;

  /** not_applied | applied | granted | refused */
  @Column('text', { name: 'judicial_confirmation' })
  judicialConfirmation: string;

  @Column('date', { name: 'judicial_confirmation_applied_on', nullable: true })
  judicialConfirmationAppliedOn: string | null;

  @Column('date', { name: 'judicial_confirmation_decided_on', nullable: true })
  judicialConfirmationDecidedOn: string | null;

  /** The last day to apply for judicial confirmation (judicialConfirmationDeadline); null before an agreement. */
  @Column('date', { name: 'judicial_confirmation_deadline_on', nullable: true })
  judicialConfirmationDeadlineOn: string | null;

  @Column('date', { name: 'failed_on', nullable: true })
  failedOn: string | null;

  @Column('date', { name: 'withdrawn_on', nullable: true })
  withdrawnOn: string | null;

  /** The day it was agreed, failed or withdrawn: for "average days to resolve". */
  @Column('date', { name: 'ended_on', nullable: true })
  endedOn: string | null;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('int')
  version: number;
}
