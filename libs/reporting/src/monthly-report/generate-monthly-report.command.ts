import { AuthenticatedActor } from '@lc/http';
import { GenerateMonthlyReportRequest } from '../http/request-schemas';

export class GenerateMonthlyReportCommand {
  constructor(
    readonly request: GenerateMonthlyReportRequest,
    readonly actor: AuthenticatedActor,
  ) {}
}
