import { AuthenticatedActor } from '@lc/access';

export class MarkNotificationReadCommand {
  constructor(
    readonly notificationId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
