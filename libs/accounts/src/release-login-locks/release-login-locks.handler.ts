import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK, DomainError } from '@lc/decider';
import { EVENT_STORE, EventStore, loadState } from '@lc/event-store';
import { accountDecider, accountStream } from '../account/account.decider';
import { LoginThrottle } from '../auth/login-throttle';
import { LoginGuardRecorder } from '../login-guard/login-guard.recorder';
import { ReleaseLoginLocksCommand } from './release-login-locks.command';

@CommandHandler(ReleaseLoginLocksCommand)
export class ReleaseLoginLocksHandler implements ICommandHandler<ReleaseLoginLocksCommand, void> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly throttle: LoginThrottle,
    private readonly guard: LoginGuardRecorder,
  ) {}

  async execute({ accountId, actor }: ReleaseLoginLocksCommand): Promise<void> {
    const { state } = await loadState(this.store, accountDecider, accountStream(accountId));
    if (!state.exists) throw new DomainError('not_found', 'No such account');
    // Redis first: when it is down this answers 503 and records nothing that did not happen.
    await this.throttle.release(state.username!);
    await this.guard.record({ type: 'ReleaseLocks', now: this.clock.now(), actor, accountId, username: state.username! });
  }
}
