import { AuthenticatedActor } from '@lc/access';

/** The informant's own registry entry, for their phone page's enterprise picker. */
export class GetMyInformantProfileQuery {
  constructor(readonly actor: AuthenticatedActor) {}
}
