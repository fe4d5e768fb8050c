import { AuthenticatedActor } from '@lc/access';

export class GetComplaintQuery {
  constructor(
    readonly complaintId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
