import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@lc/decider';
import { EVENT_STORE, EventStore, loadState } from '@lc/event-store';
import { accountDecider, accountStream } from '../account/account.decider';
import { TokenPair, Tokens } from '../auth/tokens';
import { RefreshSessionCommand } from './refresh-session.command';

@CommandHandler(RefreshSessionCommand)
export class RefreshSessionHandler implements ICommandHandler<RefreshSessionCommand, TokenPair> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly tokens: Tokens,
  ) {}

  async execute({ refreshToken }: RefreshSessionCommand): Promise<TokenPair> {
    const session = await this.tokens.findRefreshable(refreshToken);
    const { state } = await loadState(this.store, accountDecider, accountStream(session.accountId));
    if (!state.exists || !state.active || state.credentialsVersion !== session.credentialsVersion) {
      await this.tokens.revokeAll(session.accountId, 'account_changed');
      throw new DomainError('unauthenticated', 'The refresh token is invalid or has expired');
    }
    return this.tokens.issue(state, session);
  }
}
