import { AuthenticatedActor } from '@lc/access';
import { RecordJudicialConfirmationRequest } from './record-judicial-confirmation.schema';

export class RecordJudicialConfirmationCommand {
  constructor(
    readonly mediationId: string,
    readonly input: RecordJudicialConfirmationRequest,
    readonly actor: AuthenticatedActor,
    readonly expectedVersion?: number,
    readonly idempotencyKey?: string,
  ) {}
}
