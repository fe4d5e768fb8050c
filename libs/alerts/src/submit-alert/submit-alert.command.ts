import { CommandMeta } from '@lc/access';
import { SubmitAlertRequest } from './submit-alert.schema';

export class SubmitAlertCommand {
  constructor(
    readonly input: SubmitAlertRequest,
    /** meta.idempotencyKey is required: the alert's id is derived from it. */
    readonly meta: CommandMeta,
  ) {}
}
