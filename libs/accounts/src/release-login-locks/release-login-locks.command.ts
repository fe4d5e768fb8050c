import { AuthenticatedActor } from '@lc/access';

/** An administrator lets a locked-out or slowed-down account log in again from everywhere. */
export class ReleaseLoginLocksCommand {
  constructor(
    readonly accountId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}
