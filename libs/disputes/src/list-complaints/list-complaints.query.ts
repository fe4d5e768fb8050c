import { AuthenticatedActor } from '@lc/access';
import { ListComplaintsRequest } from './list-complaints.schema';

export class ListComplaintsQuery {
  constructor(
    readonly filter: ListComplaintsRequest,
    readonly actor: AuthenticatedActor,
  ) {}
}
