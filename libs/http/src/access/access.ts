import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

/**
 * Route access is declared on every route, and the global guard denies a route that declares
 * nothing: a route added without a rule is closed, and the role matrix test names it.
 */
export const IS_PUBLIC = 'labour-cases:public';
export const ALLOWED_ROLES = 'labour-cases:allowed-roles';

export type AccessRole = 'admin' | 'supervisor' | 'mediator' | 'informant';

/** No token needed (login, refresh, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** These roles may call the route; record-level scope is checked by the handler. */
export const Allow = (...roles: AccessRole[]) => SetMetadata(ALLOWED_ROLES, roles);

/** The authenticated caller, as the guard found them in their account stream. */
export interface AuthenticatedActor {
  id: string;
  username: string;
  role: AccessRole;
  /** null: the whole district. */
  subDistrict: string | null;
}

export interface RequestWithActor {
  actor?: AuthenticatedActor;
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedActor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});

/**
 * Whether a record of a sub-district (and possibly assigned to someone) is within the actor's
 * scope. Handlers answer a record outside it with 404, as if it did not exist, so that ids cannot
 * be probed.
 */
export function inScope(actor: AuthenticatedActor, record: { subDistrict: string; assignedTo?: string | null }): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'supervisor':
      return actor.subDistrict === null || actor.subDistrict === record.subDistrict;
    case 'mediator':
      return actor.subDistrict === record.subDistrict || (record.assignedTo != null && record.assignedTo === actor.id);
    case 'informant':
      return false;
  }
}

/** Those who work cases (admins, mediators in scope) see claimants' ID numbers and phones; supervisors see them masked. */
export function seesPersonalData(actor: AuthenticatedActor): boolean {
  return actor.role === 'admin' || actor.role === 'mediator';
}
