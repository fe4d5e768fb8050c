import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { DomainError } from '@lc/decider';
import { EVENT_STORE, EventStore } from '@lc/event-store';
import { usernameStream } from '../account/account.decider';
import { CreateAccountCommand } from '../create-account/create-account.command';

/** The first admin, from ADMIN_USERNAME / ADMIN_PASSWORD, when no account has that username yet. */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const username = this.config.ADMIN_USERNAME;
    if ((await this.store.readStream(usernameStream(username), { maxCount: 1 })).length > 0) return;
    try {
      // The same idempotency key on every replica: two racing starts create one admin.
      await this.commands.execute(
        new CreateAccountCommand(
          { username, password: this.config.ADMIN_PASSWORD, role: 'admin', displayName: 'Administrator' },
          { actor: { id: 'system', role: 'system' }, idempotencyKey: `bootstrap-admin:${username}` },
        ),
      );
      this.logger.log(`Created the first admin account "${username}" from ADMIN_USERNAME / ADMIN_PASSWORD`);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'conflict') return; // another replica was first
      throw error;
    }
  }
}
