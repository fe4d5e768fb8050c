import { CommandMeta } from '@lc/access';
import { HoldSessionRequest } from './hold-session.schema';

export class HoldSessionCommand {
  constructor(
    readonly mediationId: string,
    readonly input: HoldSessionRequest,
    readonly meta: CommandMeta,
  ) {}
}
