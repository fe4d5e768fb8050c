import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The accounts projection: what admins list and search. Authorisation reads the account stream itself. */
@Entity({ name: 'accounts' })
export class AccountView {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  username: string;

  @Column('text')
  role: string;

  @Column('text', { name: 'sub_district', nullable: true })
  subDistrict: string | null;

  @Column('text', { name: 'display_name', nullable: true })
  displayName: string | null;

  @Column('boolean')
  active: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('int')
  version: number;
}
