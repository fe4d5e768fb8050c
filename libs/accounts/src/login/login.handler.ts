import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DomainError } from '@lc/decider';
import { EVENT_STORE, EventStore, loadState } from '@lc/event-store';
import { accountDecider, accountStream, usernameStream } from '../account/account.decider';
import { LoginThrottle } from '../auth/login-throttle';
import { decoyHash, verifyPassword } from '../auth/password';
import { TokenPair, Tokens } from '../auth/tokens';
import { LoginCommand } from './login.command';

/** One answer for every failure, so that it never tells whether the username or the password was wrong. */
const WRONG = () => new DomainError('unauthenticated', 'Wrong username or password');

@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand, TokenPair> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly throttle: LoginThrottle,
    private readonly tokens: Tokens,
  ) {}

  async execute({ username, password, ip }: LoginCommand): Promise<TokenPair> {
    await this.throttle.assertAllowed(username, ip);
    const [claim] = await this.store.readStream(usernameStream(username), { maxCount: 1 });
    const accountId = claim?.data.accountId as string | undefined;
    const account = accountId ? (await loadState(this.store, accountDecider, accountStream(accountId))).state : undefined;
    const rows: { password_hash: string }[] = accountId
      ? await this.dataSource.query(`SELECT password_hash FROM account_credentials WHERE account_id = $1`, [accountId])
      : [];
    // Verify even when there is no such user, so that both failures take as long.
    const passwordOk = await verifyPassword(rows[0]?.password_hash ?? (await decoyHash()), password);
    if (!account?.exists || !account.active || !rows[0] || !passwordOk) {
      await this.throttle.recordFailure(username, ip);
      throw WRONG();
    }
    await this.throttle.recordSuccess(username, ip);
    return this.tokens.issue(account);
  }
}
