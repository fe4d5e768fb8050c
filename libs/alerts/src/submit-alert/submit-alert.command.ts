import { AuthenticatedActor } from '@lc/access';
import { SubmitAlertRequest } from './submit-alert.schema';

export class SubmitAlertCommand {
  constructor(
    readonly input: SubmitAlertRequest,
    readonly actor: AuthenticatedActor,
    /** Required: the alert's id is derived from it. */
    readonly idempotencyKey: string | undefined,
  ) {}
}
