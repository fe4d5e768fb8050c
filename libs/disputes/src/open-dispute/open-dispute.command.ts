import { AuthenticatedActor } from '@lc/http';
import { OpenDisputeRequest } from './open-dispute.schema';

export class OpenDisputeCommand {
  constructor(
    readonly input: OpenDisputeRequest,
    readonly actor: AuthenticatedActor,
    readonly idempotencyKey?: string,
  ) {}
}
