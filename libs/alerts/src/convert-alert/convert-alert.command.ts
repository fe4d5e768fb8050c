import { AuthenticatedActor } from '@lc/access';
import { ConvertAlertRequest } from './convert-alert.schema';

export class ConvertAlertCommand {
  constructor(
    readonly alertId: string,
    readonly input: ConvertAlertRequest,
    readonly actor: AuthenticatedActor,
    /** If-Match: the alert's version. */
    readonly expectedVersion?: number,
    readonly idempotencyKey?: string,
  ) {}
}
