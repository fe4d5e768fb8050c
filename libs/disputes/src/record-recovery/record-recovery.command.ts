import { CommandMeta } from '@lc/access';
import { RecordRecoveryRequest } from './record-recovery.schema';

export class RecordRecoveryCommand {
  constructor(
    readonly disputeId: string,
    readonly input: RecordRecoveryRequest,
    readonly meta: CommandMeta,
  ) {}
}
