import { AuthenticatedActor } from '@lc/access';
import { HandleComplaintRequest } from './handle-complaint.schema';

export class HandleComplaintCommand {
  constructor(
    readonly complaintId: string,
    readonly input: HandleComplaintRequest,
    readonly actor: AuthenticatedActor,
    readonly expectedVersion?: number,
    readonly idempotencyKey?: string,
  ) {}
}
