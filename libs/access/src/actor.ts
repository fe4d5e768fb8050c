import type { Role } from './roles';

/** The authenticated caller, as the guard found them in their account stream. */
export interface AuthenticatedActor {
  id: string;
  username: string;
  role: Role;
  /** null: the whole district. */
  subDistrict: string | null;
}
