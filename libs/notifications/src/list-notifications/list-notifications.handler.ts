import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { applySort, Page, pageOf } from '@lc/http';
import { NotificationView } from '../notification.entity';
import { NotificationItem } from '../notification.schemas';
import { NotificationRead } from '../read-state/notification-read.entity';
import { restrictToAudience, unreadOnly } from '../read-state/visibility';
import { ListNotificationsQuery, NOTIFICATION_SORT_COLUMNS } from './list-notifications.query';

/** Newest first by default, those the caller sees (restrictToAudience), each with the caller's own read state. */
@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery, Page<NotificationItem> & { unread: number }> {
  constructor(
    @InjectRepository(NotificationView) private readonly notifications: Repository<NotificationView>,
    @InjectRepository(NotificationRead) private readonly reads: Repository<NotificationRead>,
  ) {}

  async execute({ actor, filter }: ListNotificationsQuery): Promise<Page<NotificationItem> & { unread: number }> {
    const query = applySort(this.notifications.createQueryBuilder('n'), filter.sort, NOTIFICATION_SORT_COLUMNS, 'n.id');
    restrictToAudience(query, actor);
    if (filter.kind) query.andWhere('n.kind = :kind', { kind: filter.kind });
    if (filter.unread === true) unreadOnly(query, actor);
    if (filter.unread === false) {
      query.andWhere('EXISTS (SELECT 1 FROM notification_reads nr WHERE nr.notification_id = n.id AND nr.account_id = :reader)', { reader: actor.id });
    }
    const unread = unreadOnly(restrictToAudience(this.notifications.createQueryBuilder('n'), actor), actor).getCount();
    const page = await pageOf(query, filter, (row) => row);
    // The caller's reads of this page's notifications, in one more query.
    const reads = page.items.length
      ? await this.reads.findBy({ accountId: actor.id, notificationId: In(page.items.map((n) => n.id)) })
      : [];
    const readAt = new Map(reads.map((r) => [r.notificationId, r.readAt]));
    return { ...page, items: page.items.map((n) => toItem(n, readAt.get(n.id) ?? null)), unread: await unread };
  }
}

export function toItem(n: NotificationView, readAt: Date | null): NotificationItem {
  return {
    id: n.id,
    kind: n.kind,
    audience: { role: n.audienceRole, subDistrict: n.subDistrict, accountId: n.recipientId },
    subject: { kind: n.subjectStream.slice(0, n.subjectStream.indexOf('-')), stream: n.subjectStream, id: n.subjectId },
    title: { zh: n.titleZh, en: n.titleEn },
    params: n.params,
    createdAt: n.createdAt,
    read: readAt !== null,
    readAt,
  };
}
