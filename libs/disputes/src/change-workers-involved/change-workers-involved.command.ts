import { CommandMeta } from '@lc/access';
import { ChangeWorkersInvolvedRequest } from './change-workers-involved.schema';

export class ChangeWorkersInvolvedCommand {
  constructor(
    readonly disputeId: string,
    readonly input: ChangeWorkersInvolvedRequest,
    readonly meta: CommandMeta,
  ) {}
}
