import { CommandMeta } from '@lc/access';
import { RecordJudicialConfirmationRequest } from './record-judicial-confirmation.schema';

export class RecordJudicialConfirmationCommand {
  constructor(
    readonly mediationId: string,
    readonly input: RecordJudicialConfirmationRequest,
    readonly meta: CommandMeta,
  ) {}
}
