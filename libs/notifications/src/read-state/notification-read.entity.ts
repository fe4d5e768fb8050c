import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Who has read which notification. Written by the API on request, not projected from events:
 * it is each person's own inbox state, kept apart from `notifications` so that a rebuild of the
 * projection (same ids again) keeps it. See docs/decisions/0010-work-assignment-and-notifications.md.
 */
@Entity({ name: 'notification_reads' })
export class NotificationRead {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId: string;

  @PrimaryColumn('uuid', { name: 'notification_id' })
  notificationId: string;

  @Column('timestamptz', { name: 'read_at' })
  readAt: Date;
}
