import { AuthenticatedActor } from '@lc/access';
import { ByMonthQuery } from '../http/request-schemas';

export class GetByMonthQuery {
  constructor(
    readonly request: ByMonthQuery,
    readonly actor: AuthenticatedActor,
  ) {}
}
