import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Clock, CLOCK, DomainError, invalidField } from '@lc/decider';
import { ConcurrencyError, decideAndAppend, deterministicUuid, EVENT_STORE, EventStore } from '@lc/event-store';
import { AccountCommand, accountDecider, accountStream, usernameStream } from '../account/account.decider';
import { PasswordHasher, passwordWeakness } from '../auth/password';
import { CreateAccountCommand } from './create-account.command';

@CommandHandler(CreateAccountCommand)
export class CreateAccountHandler implements ICommandHandler<CreateAccountCommand, { id: string; version: number }> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
  ) {}

  async execute({ input, meta: { actor, idempotencyKey } }: CreateAccountCommand): Promise<{ id: string; version: number }> {
    const weakness = passwordWeakness(input.password, input.username);
    if (weakness) throw invalidField('password', weakness);
    const accountId = idempotencyKey ? deterministicUuid('account', idempotencyKey) : randomUUID();
    const command: AccountCommand = { type: 'CreateAccount', accountId, ...input, now: this.clock.now(), actor };
    const result = await decideAndAppend(this.store, accountDecider, accountStream(accountId), command, {
      actor,
      idempotencyKey,
      // Once the decision stands: bad input is refused before the username is claimed, so a refused request changes nothing.
      beforeAppend: async () => {
        await this.claimUsername(input.username, accountId);
        await this.dataSource.query(
          `INSERT INTO account_credentials (account_id, password_hash) VALUES ($1, $2)
           ON CONFLICT (account_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()`,
          [accountId, await this.passwords.hash(input.password)],
        );
      },
    });
    return { id: accountId, version: result.version };
  }

  /** First come, first served, across every replica: the username stream can only be started once. */
  private async claimUsername(username: string, accountId: string): Promise<void> {
    const stream = usernameStream(username);
    try {
      await this.store.append(
        stream,
        [{ eventId: deterministicUuid('username-claim', accountId), type: 'UsernameClaimed', data: { accountId, username: username.toLowerCase() } }],
        { expectedVersion: 'no_stream' },
      );
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      throw new DomainError('conflict', `The username ${username} is taken`, [{ field: 'username', message: 'is taken' }]);
    }
  }
}
