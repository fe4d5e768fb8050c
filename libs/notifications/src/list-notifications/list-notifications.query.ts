import { AuthenticatedActor } from '@lc/http';

export interface NotificationFilter {
  kind?: string;
  page: number;
  pageSize: number;
}

export class ListNotificationsQuery {
  constructor(
    readonly actor: AuthenticatedActor,
    readonly filter: NotificationFilter,
  ) {}
}
