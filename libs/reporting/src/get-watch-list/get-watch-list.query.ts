import { AuthenticatedActor } from '@lc/access';
import { WatchListQuery } from '../http/request-schemas';

export class GetWatchListQuery {
  constructor(
    readonly request: WatchListQuery,
    readonly actor: AuthenticatedActor,
  ) {}
}
