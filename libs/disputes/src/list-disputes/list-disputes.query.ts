import { AuthenticatedActor } from '@lc/http';
import { ListDisputesRequest } from './list-disputes.schema';

export class ListDisputesQuery {
  constructor(
    readonly filter: ListDisputesRequest,
    readonly actor: AuthenticatedActor,
  ) {}
}
