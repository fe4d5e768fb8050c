import { AuthenticatedActor } from '@lc/access';
import { ChangeInformantEnterprisesRequest } from '../register-informant/register-informant.schema';

export class ChangeInformantEnterprisesCommand {
  constructor(
    readonly informantId: string,
    readonly input: ChangeInformantEnterprisesRequest,
    readonly actor: AuthenticatedActor,
    readonly expectedVersion?: number,
    readonly idempotencyKey?: string,
  ) {}
}
