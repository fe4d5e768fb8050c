import { AuthenticatedActor } from '@lc/access';

export class GetEnterpriseQuery {
  constructor(
    readonly creditCode: string,
    readonly actor: AuthenticatedActor,
    /** A named period's days, or from/to (both days included); absent: the three years to today (resolveHistoryWindow). */
    readonly window?: { period?: { from: string; to: string }; from?: string; to?: string },
  ) {}
}
