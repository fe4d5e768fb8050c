import { SortKey } from '@lc/http';
import { AuthenticatedActor } from '@lc/access';

export const NOTIFICATION_SORT_COLUMNS = { createdAt: 'n.created_at', kind: 'n.kind' };

export interface NotificationFilter {
  kind?: string;
  sort: SortKey[];
  /** true: only unread; false: only read; absent: both. */
  unread?: boolean;
  page: number;
  pageSize: number;
}

export class ListNotificationsQuery {
  constructor(
    readonly actor: AuthenticatedActor,
    readonly filter: NotificationFilter,
  ) {}
}
