import { AuthenticatedActor } from '@lc/access';

export class GetEnterpriseQuery {
  constructor(
    readonly creditCode: string,
    readonly actor: AuthenticatedActor,
    /** Both days included; absent: the three years to today (resolveHistoryWindow). */
    readonly window?: { from?: string; to?: string },
  ) {}
}
