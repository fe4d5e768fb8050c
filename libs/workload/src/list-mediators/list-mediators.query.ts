import { AuthenticatedActor } from '@lc/http';
import { ListMediatorsRequest } from './list-mediators.schema';

export class ListMediatorsQuery {
  constructor(
    readonly filter: ListMediatorsRequest,
    readonly actor: AuthenticatedActor,
  ) {}
}
