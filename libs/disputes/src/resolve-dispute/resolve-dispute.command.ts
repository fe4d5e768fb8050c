import { CommandMeta } from '@lc/access';
import { ResolveDisputeRequest } from './resolve-dispute.schema';

export class ResolveDisputeCommand {
  constructor(
    readonly disputeId: string,
    readonly input: ResolveDisputeRequest,
    readonly meta: CommandMeta,
  ) {}
}
