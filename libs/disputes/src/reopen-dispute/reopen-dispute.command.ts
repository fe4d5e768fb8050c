import { CommandMeta } from '@lc/access';
import { ReopenDisputeRequest } from './reopen-dispute.schema';

export class ReopenDisputeCommand {
  constructor(
    readonly disputeId: string,
    readonly input: ReopenDisputeRequest,
    readonly meta: CommandMeta,
  ) {}
}
