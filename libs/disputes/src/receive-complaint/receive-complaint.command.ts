import { AuthenticatedActor } from '@lc/access';
import { ReceiveComplaintRequest } from './receive-complaint.schema';

export class ReceiveComplaintCommand {
  constructor(
    readonly input: ReceiveComplaintRequest,
    readonly actor: AuthenticatedActor,
    readonly idempotencyKey?: string,
  ) {}
}
