import { AuthenticatedActor } from '@lc/access';
import { DistrictPeriodQuery } from '../http/request-schemas';

export class GetBySubDistrictQuery {
  constructor(
    readonly request: DistrictPeriodQuery,
    readonly actor: AuthenticatedActor,
  ) {}
}
