import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UpdateAccountCommand } from '@lc/accounts';
import { Clock, CLOCK, DomainError } from '@lc/decider';
import { informant } from '../informant/informant.decider';
import { Written } from '@lc/http';
import { domainActor } from '@lc/access';
import { InformantStreams } from '../shared/informant-streams';
import { DeactivateInformantCommand } from './deactivate-informant.command';

/**
 * Deactivates an informant and their account (they can no longer log in or report). Whatever the
 * registry would refuse (a stale If-Match...) is refused before the account is touched; the
 * account then goes first: deactivating it again changes nothing, so a retry after a failure in
 * between still records the deactivation in the registry.
 */
@CommandHandler(DeactivateInformantCommand)
export class DeactivateInformantHandler implements ICommandHandler<DeactivateInformantCommand, Written> {
  constructor(
    private readonly informants: InformantStreams,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ informantId, input, actor, expectedVersion, idempotencyKey }: DeactivateInformantCommand): Promise<Written> {
    const step = { type: 'DeactivateInformant' as const, reason: input.reason };
    const { record, version } = await this.informants.load(informantId, actor);
    // Deactivated already: a replay of this very request (appends nothing) or a second one (422), as the stream decides.
    if (record.status === 'active') {
      if (expectedVersion !== undefined && expectedVersion !== version) {
        throw new DomainError('precondition_failed', `informant ${informantId} is at version ${version}, not ${expectedVersion} as If-Match says`);
      }
      informant.decide({ ...step, now: this.clock.now(), actor: domainActor(actor) }, record);
      await this.commands.execute(new UpdateAccountCommand(informantId, { active: false }, domainActor(actor)));
    }
    const written = await this.informants.change(informantId, actor, step, { expectedVersion, idempotencyKey });
    return { id: written.id, version: written.version };
  }
}
