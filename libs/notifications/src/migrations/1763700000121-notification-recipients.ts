import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications addressed to one person (a mediator hears of work assigned to them and of their
 * clocks), and who has read which notification. The reads are kept apart from the projection's
 * table: a rebuild truncates `notifications` and raises the same notifications with the same ids
 * again, and people's reads must survive that.
 */
export class NotificationRecipients1763700000121 implements MigrationInterface {
  name = 'NotificationRecipients1763700000121';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN recipient_id uuid`);
    await q.query(`CREATE INDEX notifications_recipient ON notifications (recipient_id, created_at DESC) WHERE recipient_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE notification_reads (
        account_id       uuid        NOT NULL,
        notification_id  uuid        NOT NULL,
        read_at          timestamptz NOT NULL,
        PRIMARY KEY (account_id, notification_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_reads`);
    await q.query(`ALTER TABLE notifications DROP COLUMN recipient_id`);
  }
}
