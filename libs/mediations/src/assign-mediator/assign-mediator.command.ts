import { CommandMeta } from '@lc/access';
import { AssignMediationMediatorRequest } from './assign-mediator.schema';

export class AssignMediationMediatorCommand {
  constructor(
    readonly mediationId: string,
    readonly input: AssignMediationMediatorRequest,
    readonly meta: CommandMeta,
  ) {}
}
