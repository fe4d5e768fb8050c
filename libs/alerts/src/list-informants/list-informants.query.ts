import { AuthenticatedActor } from '@lc/access';
import { ListInformantsRequest } from './list-informants.schema';

export class ListInformantsQuery {
  constructor(
    readonly filter: ListInformantsRequest,
    readonly actor: AuthenticatedActor,
  ) {}
}
