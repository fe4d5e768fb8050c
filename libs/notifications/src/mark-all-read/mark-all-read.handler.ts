import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock, CLOCK } from '@lc/decider';
import { NotificationView } from '../notification.entity';
import { restrictToAudience, unreadOnly } from '../read-state/visibility';
import { MarkAllNotificationsReadCommand } from './mark-all-read.command';

/** Marks every notification the caller sees and has not read as read, in one statement. */
@CommandHandler(MarkAllNotificationsReadCommand)
export class MarkAllNotificationsReadHandler implements ICommandHandler<MarkAllNotificationsReadCommand> {
  constructor(
    @InjectRepository(NotificationView) private readonly notifications: Repository<NotificationView>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor }: MarkAllNotificationsReadCommand): Promise<{ marked: number; unread: 0 }> {
    const unread = unreadOnly(restrictToAudience(this.notifications.createQueryBuilder('n').select('n.id'), actor), actor);
    const [sql, parameters] = unread.getQueryAndParameters();
    const at = parameters.length + 1;
    const reader = parameters.length + 2;
    const inserted = (await this.notifications.manager.query(
      `INSERT INTO notification_reads (account_id, notification_id, read_at)
       SELECT $${reader}::uuid, unread.id, $${at} FROM (${sql}) AS unread(id)
       ON CONFLICT (account_id, notification_id) DO NOTHING
       RETURNING notification_id`,
      [...parameters, this.clock.now(), actor.id],
    )) as unknown[];
    return { marked: inserted.length, unread: 0 };
  }
}
