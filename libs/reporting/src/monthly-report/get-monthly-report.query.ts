import { AuthenticatedActor } from '@lc/access';

export class GetMonthlyReportQuery {
  constructor(
    readonly month: string,
    readonly subDistrict: string | undefined,
    readonly actor: AuthenticatedActor,
    readonly revision?: number,
  ) {}
}
