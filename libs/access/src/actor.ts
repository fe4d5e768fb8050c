import type { Actor } from '@lc/decider';
import type { Role } from './roles';

/** The authenticated caller, as the guard found them in their account stream. */
export interface AuthenticatedActor {
  id: string;
  username: string;
  role: Role;
  /** null: the whole district. */
  subDistrict: string | null;
}

/** The actor as commands and events record it (id and role): what a decider knows of who asks. */
export function domainActor(actor: AuthenticatedActor): Actor {
  return { id: actor.id, role: actor.role };
}
