import { AuthenticatedActor } from '@lc/http';
import { ByMonthQuery } from '../http/request-schemas';

export class GetByMonthQuery {
  constructor(
    readonly request: ByMonthQuery,
    readonly actor: AuthenticatedActor,
  ) {}
}
