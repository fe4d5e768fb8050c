import { AuthenticatedActor } from '@lc/http';

export class MarkAllNotificationsReadCommand {
  constructor(readonly actor: AuthenticatedActor) {}
}
