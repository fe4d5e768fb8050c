import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UpdateAccountCommand } from '@lc/accounts';
import { Written } from '@lc/http';
import { domainActor } from '@lc/access';
import { InformantStreams } from '../shared/informant-streams';
import { DeactivateInformantCommand } from './deactivate-informant.command';

/**
 * Deactivates an informant and their account (they can no longer log in or report), on the one
 * command path: the registry's stream read once and DeactivateInformant decided once; whatever the
 * registry refuses (a stale If-Match, a second deactivation) is refused before the account is
 * touched. The account then goes first, just before the append: deactivating it again changes
 * nothing, so a retry after a failure in between still records the deactivation in the registry.
 * A replay of this very request (same Idempotency-Key) appends nothing and touches nothing.
 */
@CommandHandler(DeactivateInformantCommand)
export class DeactivateInformantHandler implements ICommandHandler<DeactivateInformantCommand, Written> {
  constructor(
    private readonly informants: InformantStreams,
    private readonly commands: CommandBus,
  ) {}

  async execute({ informantId, input, meta: { actor, expectedVersion, idempotencyKey } }: DeactivateInformantCommand): Promise<Written> {
    const written = await this.informants.change(
      informantId,
      actor,
      { type: 'DeactivateInformant', reason: input.reason },
      { expectedVersion, idempotencyKey },
      undefined,
      async () => {
        await this.commands.execute(new UpdateAccountCommand(informantId, { active: false }, { actor: domainActor(actor) }));
      },
    );
    return { id: written.id, version: written.version };
  }
}
