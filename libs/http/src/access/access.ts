import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthenticatedActor, Role } from '@lc/access';

/**
 * Route access is declared on every route, and the global guard denies a route that declares
 * nothing: a route added without a rule is closed, and the role matrix test names it.
 */
export const IS_PUBLIC = 'labour-cases:public';
export const ALLOWED_ROLES = 'labour-cases:allowed-roles';

/** No token needed (login, refresh, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** These roles may call the route; record-level scope is checked by the handler. */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export interface RequestWithActor {
  actor?: AuthenticatedActor;
}

/** The request's authenticated actor, as the guard put it there. */
export function actorOf(request: RequestWithActor): AuthenticatedActor {
  if (!request.actor) throw new Error('The actor (CurrentActor, RequestMeta) was asked for on a route without authentication');
  return request.actor;
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedActor =>
  actorOf(context.switchToHttp().getRequest<RequestWithActor>()),
);
