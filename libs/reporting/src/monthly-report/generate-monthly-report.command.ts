import { AuthenticatedActor } from '@lc/access';
import { GenerateMonthlyReportRequest } from '../http/request-schemas';

export class GenerateMonthlyReportCommand {
  constructor(
    readonly request: GenerateMonthlyReportRequest,
    readonly actor: AuthenticatedActor,
  ) {}
}
