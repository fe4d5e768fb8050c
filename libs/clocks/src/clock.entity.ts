import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The clocks projection: every clock a record's events imply, running or not. */
@Entity({ name: 'clocks' })
export class ClockView {
  @PrimaryColumn('text', { name: 'clock_id' })
  clockId: string;

  @Column('text')
  kind: string;

  @Column('text', { name: 'subject_stream' })
  subjectStream: string;

  @Column('text', { name: 'subject_id' })
  subjectId: string;

  @Column('text', { name: 'sub_district', nullable: true })
  subDistrict: string | null;

  /** The record's case number (dispute) or court case number (mediation); null for an alert. */
  @Column('text', { nullable: true })
  reference: string | null;

  /** The employer (enterprise) the record is about. */
  @Column('text', { name: 'employer_name', nullable: true })
  employerName: string | null;

  /** That employer's unified social credit code (the `creditCode` filter). */
  @Column('text', { name: 'employer_credit_code', nullable: true })
  employerCreditCode: string | null;

  @Column('uuid', { name: 'assigned_to', nullable: true })
  assignedTo: string | null;

  @Column('date', { name: 'started_on' })
  startedOn: string;

  @Column('date', { name: 'last_day' })
  lastDay: string;

  @Column('timestamptz', { name: 'deadline_at' })
  deadlineAt: Date;

  @Column('timestamptz', { name: 'remind_at' })
  remindAt: Date;

  @Column('boolean')
  running: boolean;

  @Column('boolean')
  reminded: boolean;

  /** A DeadlineReached was appended for this deadline (what the system saw: it may have come before a back-dated completion). */
  @Column('boolean', { name: 'deadline_reached' })
  deadlineReached: boolean;

  /** The day the record says the work was done (resolvedOn, agreedOn...); null while the clock runs. */
  @Column('date', { name: 'completed_on', nullable: true })
  completedOn: string | null;

  /** Whether that was within the deadline, judged on the record's dates; null while the clock runs. */
  @Column('boolean', { nullable: true })
  met: boolean | null;
}
