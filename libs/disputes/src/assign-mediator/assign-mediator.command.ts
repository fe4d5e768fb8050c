import { CommandMeta } from '@lc/access';
import { AssignMediatorRequest } from './assign-mediator.schema';

export class AssignMediatorCommand {
  constructor(
    readonly disputeId: string,
    readonly input: AssignMediatorRequest,
    readonly meta: CommandMeta,
  ) {}
}
