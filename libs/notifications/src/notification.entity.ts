import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Plain values, so that any client can render a title of its own from them. */
export type NotificationParams = Record<string, string | number | boolean | null>;

/**
 * Something a group of users should know about (a group dispute was opened, an alert went
 * unacknowledged...), addressed to a role within a scope rather than to named people: whoever
 * holds the role there now sees it, including people appointed after it was raised. Or to one
 * person (recipientId): a mediator hears of work assigned to them and of their clocks.
 */
@Entity({ name: 'notifications' })
@Index(['audienceRole', 'subDistrict', 'createdAt'])
export class NotificationView {
  /** Derived from the event that raised it, so a replay raises the same notification. */
  @PrimaryColumn('uuid')
  id: string;

  /** What happened, as a stable code clients can branch on: 'group_dispute_flagged'. */
  @Column('text')
  kind: string;

  @Column('text', { name: 'audience_role' })
  audienceRole: string;

  /** null: the whole district. */
  @Column('text', { name: 'sub_district', nullable: true })
  subDistrict: string | null;

  /** One person's (a mediator's work assigned to them, their clocks); null: everyone of the role and scope. */
  @Column('uuid', { name: 'recipient_id', nullable: true })
  recipientId: string | null;

  @Column('text', { name: 'subject_stream' })
  subjectStream: string;

  @Column('text', { name: 'subject_id' })
  subjectId: string;

  @Column('text', { name: 'title_zh' })
  titleZh: string;

  @Column('text', { name: 'title_en' })
  titleEn: string;

  /** The values the title was made from, for clients that render their own text. */
  @Column('jsonb')
  params: NotificationParams;

  /** When the event that raised it was recorded. */
  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
