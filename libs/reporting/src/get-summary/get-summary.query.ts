import { AuthenticatedActor } from '@lc/http';
import { PeriodQuery } from '../http/request-schemas';

export class GetSummaryQuery {
  constructor(
    readonly request: PeriodQuery,
    readonly actor: AuthenticatedActor,
  ) {}
}
