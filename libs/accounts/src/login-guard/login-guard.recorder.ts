import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConcurrencyError, decideAndAppend, EVENT_STORE, EventStore } from '@lc/event-store';
import { LoginGuardCommand, loginGuardDecider, loginGuardStream } from './login-guard.decider';

/**
 * Appends what the login limits did. Lockouts from several addresses may be recorded at the same
 * moment: a lost race re-reads and decides again (each is a fact of its own).
 */
@Injectable()
export class LoginGuardRecorder {
  private readonly logger = new Logger('LoginGuard');

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async record(command: LoginGuardCommand): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await decideAndAppend(this.store, loginGuardDecider, loginGuardStream(command.accountId), command, { actor: command.actor });
        return;
      } catch (error) {
        if (error instanceof ConcurrencyError && attempt < 5) continue;
        throw error;
      }
    }
  }

  /** From the login path: the lock is in force whether or not its record could be written, so a failure is logged, not answered. */
  async recordQuietly(command: LoginGuardCommand): Promise<void> {
    await this.record(command).catch((error: unknown) =>
      this.logger.warn({ err: error, accountId: command.accountId }, `Could not record ${command.type}`),
    );
  }
}
