import { AuthenticatedActor } from '@lc/access';
import { ListMediationsRequest } from './list-mediations.schema';

export class ListMediationsQuery {
  constructor(
    readonly filter: ListMediationsRequest,
    readonly actor: AuthenticatedActor,
  ) {}
}
