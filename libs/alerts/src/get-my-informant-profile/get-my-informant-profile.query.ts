import { AuthenticatedActor } from '@lc/http';

/** The informant's own registry entry, for their phone page's enterprise picker. */
export class GetMyInformantProfileQuery {
  constructor(readonly actor: AuthenticatedActor) {}
}
