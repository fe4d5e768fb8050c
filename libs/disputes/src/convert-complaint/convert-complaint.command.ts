import { AuthenticatedActor } from '@lc/access';
import { ConvertComplaintRequest } from './convert-complaint.schema';

export class ConvertComplaintCommand {
  constructor(
    readonly complaintId: string,
    readonly input: ConvertComplaintRequest,
    readonly actor: AuthenticatedActor,
    /** If-Match: the complaint's version. */
    readonly expectedVersion?: number,
    readonly idempotencyKey?: string,
  ) {}
}
