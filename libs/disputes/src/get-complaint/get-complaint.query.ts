import { AuthenticatedActor } from '@lc/http';

export class GetComplaintQuery {
  constructor(
    readonly complaintId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
