import { AuthenticatedActor } from '@lc/http';

export class MarkNotificationReadCommand {
  constructor(
    readonly notificationId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
