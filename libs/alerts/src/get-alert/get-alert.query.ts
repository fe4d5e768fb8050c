import { AuthenticatedActor } from '@lc/access';

export class GetAlertQuery {
  constructor(
    readonly alertId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
