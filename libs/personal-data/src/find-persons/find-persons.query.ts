import { AuthenticatedActor } from '@lc/access';
import { FindPersonsRequest } from './find-persons.schema';

export class FindPersonsQuery {
  constructor(
    readonly request: FindPersonsRequest,
    readonly actor: AuthenticatedActor,
  ) {}
}

export class GetPersonQuery {
  constructor(
    readonly personId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
