import { Inject, Injectable, Logger } from '@nestjs/common';
import { decideAndAppend, EVENT_STORE, EventStore } from '@lc/event-store';
import { LoginGuardCommand, loginGuardDecider, loginGuardStream } from './login-guard.decider';

/**
 * Appends what the login limits did. Lockouts from several addresses may be recorded at the same
 * moment: the command path itself re-reads and decides again after a lost race (no If-Match), and
 * each is a fact of its own.
 */
@Injectable()
export class LoginGuardRecorder {
  private readonly logger = new Logger('LoginGuard');

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async record(command: LoginGuardCommand): Promise<void> {
    await decideAndAppend(this.store, loginGuardDecider, loginGuardStream(command.accountId), command, { actor: command.actor });
  }

  /** From the login path: the lock is in force whether or not its record could be written, so a failure is logged, not answered. */
  async recordQuietly(command: LoginGuardCommand): Promise<void> {
    await this.record(command).catch((error: unknown) =>
      this.logger.warn({ err: error, accountId: command.accountId }, `Could not record ${command.type}`),
    );
  }
}
