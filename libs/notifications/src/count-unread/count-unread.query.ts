import { AuthenticatedActor } from '@lc/access';

export class CountUnreadNotificationsQuery {
  constructor(readonly actor: AuthenticatedActor) {}
}
