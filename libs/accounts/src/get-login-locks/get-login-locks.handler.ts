import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@lc/decider';
import { EVENT_STORE, EventStore, loadState } from '@lc/event-store';
import { accountDecider, accountStream } from '../account/account.decider';
import { LoginLockStatus, LoginThrottle } from '../auth/login-throttle';
import { GetLoginLocksQuery } from './get-login-locks.query';

@QueryHandler(GetLoginLocksQuery)
export class GetLoginLocksHandler implements IQueryHandler<GetLoginLocksQuery, LoginLockStatus & { id: string; username: string }> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly throttle: LoginThrottle,
  ) {}

  async execute({ accountId }: GetLoginLocksQuery) {
    const { state } = await loadState(this.store, accountDecider, accountStream(accountId));
    if (!state.exists) throw new DomainError('not_found', 'No such account');
    return { id: accountId, username: state.username!, ...(await this.throttle.status(state.username!)) };
  }
}
