import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { Clock, CLOCK, DomainError } from '@lc/decider';
import { EVENT_STORE, EventStore, loadState } from '@lc/event-store';
import { accountDecider, accountStream, usernameStream } from '../account/account.decider';
import { LoginThrottle } from '../auth/login-throttle';
import { decoyHash, verifyPassword } from '../auth/password';
import { TokenPair, Tokens } from '../auth/tokens';
import { LoginGuardRecorder } from '../login-guard/login-guard.recorder';
import { LoginCommand } from './login.command';

/** One answer for every failure, so that it never tells whether the username or the password was wrong. */
const WRONG = () => new DomainError('unauthenticated', 'Wrong username or password');
const SYSTEM = { id: 'system', role: 'system' };

@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand, TokenPair> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly throttle: LoginThrottle,
    private readonly tokens: Tokens,
    private readonly guard: LoginGuardRecorder,
  ) {}

  async execute({ username, password, ip }: LoginCommand): Promise<TokenPair> {
    // Counted before the password is looked at: a refused attempt costs no hash and tells nothing.
    const attempt = await this.throttle.begin(username, ip);
    const [claim] = await this.store.readStream(usernameStream(username), { maxCount: 1 });
    const accountId = claim?.data.accountId as string | undefined;
    const account = accountId ? (await loadState(this.store, accountDecider, accountStream(accountId))).state : undefined;
    const rows: { password_hash: string }[] = accountId
      ? await this.dataSource.query(`SELECT password_hash FROM account_credentials WHERE account_id = $1`, [accountId])
      : [];
    // Verify even when there is no such user, so that both failures take as long.
    const passwordOk = await verifyPassword(rows[0]?.password_hash ?? (await decoyHash()), password);
    if (!account?.exists || !account.active || !rows[0] || !passwordOk) {
      const outcome = await this.throttle.failed(attempt).catch(() => ({ lockedOut: false, slowedDown: false }));
      // The owner and the administrators hear of it (notifications); unknown usernames have nobody to tell.
      if (accountId && account?.exists) {
        const base = {
          now: this.clock.now(),
          actor: SYSTEM,
          accountId,
          username: account.username!,
          role: account.role!,
          subDistrict: account.subDistrict,
        };
        if (outcome.lockedOut) {
          await this.guard.recordQuietly({
            ...base,
            type: 'RecordLockout',
            address: ip,
            failures: attempt.pairCount,
            lockedUntil: new Date(base.now.getTime() + this.config.LOGIN_LOCK_SECONDS * 1000),
          });
        }
        if (outcome.slowedDown) await this.guard.recordQuietly({ ...base, type: 'RecordSlowdown', failures: attempt.usernameCount });
      }
      throw WRONG();
    }
    await this.throttle.succeeded(attempt).catch(() => undefined);
    return this.tokens.issue(account);
  }
}
