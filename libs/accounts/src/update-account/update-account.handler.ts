import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Clock, CLOCK, DomainError, invalidField } from '@lc/decider';
import { decideAndAppend, EVENT_STORE, EventStore } from '@lc/event-store';
import { AccountCommand, accountDecider, AccountState, accountStream } from '../account/account.decider';
import { SUB_DISTRICT_RULE } from '@lc/access';
import { PasswordHasher, passwordWeakness } from '../auth/password';
import { Tokens } from '../auth/tokens';
import { UpdateAccountCommand } from './update-account.command';

/** PATCH /users/{id}: each change becomes its own command; their events are appended together. */
@CommandHandler(UpdateAccountCommand)
export class UpdateAccountHandler implements ICommandHandler<UpdateAccountCommand, { id: string; version: number }> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly tokens: Tokens,
  ) {}

  async execute({ accountId, changes, meta: { actor, expectedVersion, idempotencyKey } }: UpdateAccountCommand) {
    const base = { now: this.clock.now(), actor };
    // One read of the account: the checks and the commands are made from the state it loaded.
    const commands = (state: AccountState): AccountCommand[] => {
      if (!state.exists) throw new DomainError('not_found', 'No such account');
      if (changes.password !== undefined) {
        const weakness = passwordWeakness(changes.password, state.username);
        if (weakness) throw invalidField('password', weakness);
      }
      const made: AccountCommand[] = [];
      if (changes.role !== undefined || changes.subDistrict !== undefined) {
        const role = changes.role ?? state.role!;
        // A role change alone keeps the scope where the new role allows one.
        const subDistrict =
          changes.subDistrict !== undefined
            ? (changes.subDistrict ?? undefined)
            : SUB_DISTRICT_RULE[role] === 'forbidden'
              ? undefined
              : (state.subDistrict ?? undefined);
        made.push({ ...base, type: 'ChangeRole', role, subDistrict });
      }
      if (changes.displayName !== undefined) made.push({ ...base, type: 'RenameAccount', displayName: changes.displayName });
      if (changes.password !== undefined) made.push({ ...base, type: 'ChangePassword' });
      if (changes.active === false) made.push({ ...base, type: 'DeactivateAccount' });
      if (changes.active === true) made.push({ ...base, type: 'ReactivateAccount' });
      return made;
    };

    const result = await decideAndAppend(this.store, accountDecider, accountStream(accountId), commands, { actor, expectedVersion, idempotencyKey });
    if (changes.password !== undefined && result.events.length) {
      await this.dataSource.query(`UPDATE account_credentials SET password_hash = $2, updated_at = now() WHERE account_id = $1`, [
        accountId,
        await this.passwords.hash(changes.password),
      ]);
    }
    if (result.events.some((e) => e.type === 'AccountPasswordChanged' || e.type === 'AccountDeactivated')) {
      await this.tokens.revokeAll(accountId, 'credentials_changed');
    }
    return { id: accountId, version: result.version };
  }
}
