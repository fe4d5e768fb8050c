import { AuthenticatedActor } from '@lc/http';

export class CountUnreadNotificationsQuery {
  constructor(readonly actor: AuthenticatedActor) {}
}
