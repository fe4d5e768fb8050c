import { CommandMeta } from '@lc/access';
import { OpenDisputeRequest } from './open-dispute.schema';

export class OpenDisputeCommand {
  constructor(
    readonly input: OpenDisputeRequest,
    readonly meta: CommandMeta,
  ) {}
}
