import { AuthenticatedActor } from '@lc/access';
import { ListAlertsRequest, ListMyAlertsRequest } from './list-alerts.schema';

export class ListAlertsQuery {
  constructor(
    readonly filter: ListAlertsRequest,
    readonly actor: AuthenticatedActor,
  ) {}
}

export class ListMyAlertsQuery {
  constructor(
    readonly filter: ListMyAlertsRequest,
    readonly actor: AuthenticatedActor,
  ) {}
}
