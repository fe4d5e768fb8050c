import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { applySort, Page, pageOf } from '@lc/http';
import { NotificationParams, NotificationView } from '../notification.entity';
import { ListNotificationsQuery, NOTIFICATION_SORT_COLUMNS } from './list-notifications.query';

export interface NotificationItem {
  id: string;
  kind: string;
  audience: { role: string; subDistrict: string | null };
  subject: { stream: string; id: string };
  title: { zh: string; en: string };
  params: NotificationParams;
  createdAt: Date;
}

/** Newest first, only those addressed to the actor's role and scope (admins see all). */
@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery, Page<NotificationItem>> {
  constructor(@InjectRepository(NotificationView) private readonly notifications: Repository<NotificationView>) {}

  async execute({ actor, filter }: ListNotificationsQuery): Promise<Page<NotificationItem>> {
    const query = applySort(this.notifications.createQueryBuilder('n'), filter.sort, NOTIFICATION_SORT_COLUMNS, 'n.id');
    if (actor.role !== 'admin') {
      query.andWhere('n.audience_role = :role', { role: actor.role });
      // One sub-district's people see its notifications and the district-wide ones.
      if (actor.subDistrict !== null) {
        query.andWhere('(n.sub_district = :subDistrict OR n.sub_district IS NULL)', { subDistrict: actor.subDistrict });
      }
    }
    if (filter.kind) query.andWhere('n.kind = :kind', { kind: filter.kind });
    return pageOf(query, filter, (n) => ({
      id: n.id,
      kind: n.kind,
      audience: { role: n.audienceRole, subDistrict: n.subDistrict },
      subject: { stream: n.subjectStream, id: n.subjectId },
      title: { zh: n.titleZh, en: n.titleEn },
      params: n.params,
      createdAt: n.createdAt,
    }));
  }
}
