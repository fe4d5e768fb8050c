import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock, CLOCK, DomainError } from '@lc/decider';
import { NotificationView } from '../notification.entity';
import { NotificationRead } from '../read-state/notification-read.entity';
import { restrictToAudience } from '../read-state/visibility';
import { MarkNotificationReadCommand } from './mark-read.command';

/** Marks one notification the caller sees as read; marking it again keeps the first time. */
@CommandHandler(MarkNotificationReadCommand)
export class MarkNotificationReadHandler implements ICommandHandler<MarkNotificationReadCommand> {
  constructor(
    @InjectRepository(NotificationView) private readonly notifications: Repository<NotificationView>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ notificationId, actor }: MarkNotificationReadCommand): Promise<{ id: string; read: true; readAt: Date }> {
    const visible = await restrictToAudience(this.notifications.createQueryBuilder('n').where('n.id = :id', { id: notificationId }), actor).getExists();
    // Someone else's notification is answered like one that does not exist.
    if (!visible) throw new DomainError('not_found', 'No such notification');
    const [row] = (await this.notifications.manager.query(
      `INSERT INTO notification_reads (account_id, notification_id, read_at) VALUES ($1, $2, $3)
       ON CONFLICT (account_id, notification_id) DO UPDATE SET read_at = notification_reads.read_at
       RETURNING read_at`,
      [actor.id, notificationId, this.clock.now()],
    )) as Array<{ read_at: Date }>;
    return { id: notificationId, read: true, readAt: row.read_at };
  }
}
