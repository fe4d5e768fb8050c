import { AuthenticatedActor } from '@lc/access';
import { ListDisputesRequest } from './list-disputes.schema';

export class ListDisputesQuery {
  constructor(
    readonly filter: ListDisputesRequest,
    readonly actor: AuthenticatedActor,
  ) {}
}
