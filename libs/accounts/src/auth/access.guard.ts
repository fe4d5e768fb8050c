import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@lc/decider';
import { ALLOWED_ROLES, IS_PUBLIC, RequestWithActor } from '@lc/http';
import { AuthenticatedActor, Role } from '@lc/access';
import { AccountStates } from './account-states';
import { Tokens } from './tokens';

/**
 * The global guard. Every request but the public ones needs a valid access token of an active
 * account; role and scope come from the account stream at this moment, not from the token, so a
 * role change or a deactivation takes effect on the very next request. The state is folded once
 * and kept per account while the stream's last event stays the same (AccountStates, ADR 0015).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: Tokens,
    private readonly accounts: AccountStates,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<RequestWithActor & { headers: Record<string, string | undefined> }>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new DomainError('unauthenticated', 'An access token is required (Authorization: Bearer …)');
    const claims = await this.tokens.claimsOfRequest(request, match[1]);
    if (!claims) throw new DomainError('unauthenticated', 'The access token is invalid or has expired');
    // The session row and the account's state are independent reads: side by side, one wait instead
    // of two. The session's refusal wins when both refuse, so the answer does not depend on timing.
    const [session, account] = await Promise.allSettled([this.tokens.requireLiveSession(claims), this.accounts.current(claims.sub)]);
    if (session.status === 'rejected') throw session.reason;
    if (account.status === 'rejected') throw account.reason;
    const state = account.value;
    if (!state.exists || !state.active || state.credentialsVersion !== claims.cv) {
      throw new DomainError('unauthenticated', 'The access token is no longer valid');
    }
    const actor: AuthenticatedActor = {
      id: state.accountId!,
      username: state.username!,
      role: state.role!,
      subDistrict: state.subDistrict,
    };
    request.actor = actor;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    // No rule declared: closed. The role matrix test names any such route.
    if (!allowed || !allowed.includes(actor.role)) {
      throw new DomainError('forbidden', `The ${actor.role} role may not do this`);
    }
    return true;
  }
}
