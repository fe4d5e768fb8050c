import { AuthenticatedActor } from '@lc/access';
import { PeriodQuery } from '../http/request-schemas';

export class GetByCategoryQuery {
  constructor(
    readonly request: PeriodQuery,
    readonly actor: AuthenticatedActor,
  ) {}
}
