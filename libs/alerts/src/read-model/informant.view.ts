import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The informants projection: the registry as admins and supervisors list it. */
@Entity({ name: 'informants' })
export class InformantView {
  /** The informant's account id. */
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** Masked (138****5678): the full phone is only in the sealed event, for the informant's detail. */
  @Column('text')
  phone: string;

  /** Whose personal data this is (libs/personal-data): erasing that person blanks name and phone here. */
  @Column('uuid', { name: 'person_id', nullable: true })
  personId: string | null;

  @Column('text', { name: 'sub_district' })
  subDistrict: string;

  /** Credit codes of the enterprises covered. */
  @Column('text', { array: true })
  enterprises: string[];

  @Column('int', { name: 'enterprise_count' })
  enterpriseCount: number;

  @Column('boolean')
  active: boolean;

  @Column('text', { name: 'deactivation_reason', nullable: true })
  deactivationReason: string | null;

  @Column('timestamptz', { name: 'registered_at' })
  registeredAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('int')
  version: number;
}

/**
 * What informants have reported, kept apart from the registry rows: an informant account may
 * report before (or without) being registered, and the count must not depend on the order.
 */
@Entity({ name: 'informant_activity' })
export class InformantActivityView {
  @PrimaryColumn('uuid', { name: 'informant_id' })
  informantId: string;

  @Column('int', { name: 'alerts_submitted' })
  alertsSubmitted: number;

  @Column('timestamptz', { name: 'last_alert_at' })
  lastAlertAt: Date;
}
