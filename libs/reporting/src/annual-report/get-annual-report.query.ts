import { AuthenticatedActor } from '@lc/access';
import { Locale } from '@lc/reference-data';
import { AnnualReportQuery } from '../http/request-schemas';

export class GetAnnualReportQuery {
  constructor(
    readonly request: AnnualReportQuery,
    readonly actor: AuthenticatedActor,
    readonly locale: Locale,
  ) {}
}
