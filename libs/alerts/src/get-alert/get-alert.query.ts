import { AuthenticatedActor } from '@lc/http';

export class GetAlertQuery {
  constructor(
    readonly alertId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
