import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotificationView } from '../notification.entity';
import { restrictToAudience, unreadOnly } from '../read-state/visibility';
import { CountUnreadNotificationsQuery } from './count-unread.query';

/** The badge on the bell: cheap enough to poll. */
@QueryHandler(CountUnreadNotificationsQuery)
export class CountUnreadNotificationsHandler implements IQueryHandler<CountUnreadNotificationsQuery, { unread: number }> {
  constructor(@InjectRepository(NotificationView) private readonly notifications: Repository<NotificationView>) {}

  async execute({ actor }: CountUnreadNotificationsQuery): Promise<{ unread: number }> {
    return { unread: await unreadOnly(restrictToAudience(this.notifications.createQueryBuilder('n'), actor), actor).getCount() };
  }
}
