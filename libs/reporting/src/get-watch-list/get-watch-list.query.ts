import { AuthenticatedActor } from '@lc/http';
import { WatchListQuery } from '../http/request-schemas';

export class GetWatchListQuery {
  constructor(
    readonly request: WatchListQuery,
    readonly actor: AuthenticatedActor,
  ) {}
}
