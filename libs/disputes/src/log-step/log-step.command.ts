import { CommandMeta } from '@lc/access';
import { LogStepRequest } from './log-step.schema';

export class LogStepCommand {
  constructor(
    readonly disputeId: string,
    readonly input: LogStepRequest,
    readonly meta: CommandMeta,
  ) {}
}
