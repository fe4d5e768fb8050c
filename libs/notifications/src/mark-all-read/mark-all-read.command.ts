import { AuthenticatedActor } from '@lc/access';

export class MarkAllNotificationsReadCommand {
  constructor(readonly actor: AuthenticatedActor) {}
}
