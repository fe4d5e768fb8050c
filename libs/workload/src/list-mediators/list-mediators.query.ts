import { AuthenticatedActor } from '@lc/access';
import { ListMediatorsRequest } from './list-mediators.schema';

export class ListMediatorsQuery {
  constructor(
    readonly filter: ListMediatorsRequest,
    readonly actor: AuthenticatedActor,
  ) {}
}
