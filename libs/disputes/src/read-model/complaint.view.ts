import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The complaints projection: what the complaint list searches and filters. */
@Entity({ name: 'complaints' })
export class ComplaintView {
  @PrimaryColumn('uuid')
  id: string;

  /** received | handled | converted */
  @Column('text')
  status: string;

  @Column('text')
  source: string;

  @Column('text', { name: 'work_order_no', nullable: true })
  workOrderNo: string | null;

  @Column('text', { name: 'sub_district' })
  subDistrict: string;

  @Column('text', { name: 'employer_name', nullable: true })
  employerName: string | null;

  @Column('text', { name: 'employer_credit_code', nullable: true })
  employerCreditCode: string | null;

  @Column('text')
  summary: string;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  /** The Shanghai date of receivedAt: the day it counts as received. */
  @Column('date', { name: 'received_on' })
  receivedOn: string;

  @Column('date', { name: 'handled_on', nullable: true })
  handledOn: string | null;

  @Column('text', { name: 'handling_note', nullable: true })
  handlingNote: string | null;

  @Column('date', { name: 'converted_on', nullable: true })
  convertedOn: string | null;

  /**
   * The complaint's mediator: the mediator who received it, then the mediator who handled it or
   * turned it into a case (a supervisor's or an import's action leaves it as it was).
   */
  @Column('uuid', { name: 'mediator_id', nullable: true })
  mediatorId: string | null;

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
