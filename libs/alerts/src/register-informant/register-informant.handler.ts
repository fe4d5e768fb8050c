import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CreateAccountCommand } from '@lc/accounts';
import { Clock, CLOCK, DomainError } from '@lc/decider';
import { decideAndAppend, EVENT_STORE, EventStore } from '@lc/event-store';
import { commandKey, writeContext, Written } from '@lc/http';
import { domainActor, inScope } from '@lc/access';
import { RegisterInformant, informant, informantStreamId } from '../informant/informant.decider';
import { RegisterInformantCommand } from './register-informant.command';

/** Stands in for the account id while the registration is checked: the decider only needs one to be there. */
const ACCOUNT_TO_BE_CREATED = 'to-be-created';

/**
 * Registers an informant: their account (role informant, in their sub-district, without a display
 * name) through the accounts context, then their registry entry in `informant-<accountId>`, the one
 * place their name and phone are kept. The registration is checked before anything is written; the
 * account comes first because its username may be taken. With an Idempotency-Key a retry after a
 * failure in between finishes the job: the account's id derives from the key, the account is found
 * already there, and the entry is written then.
 */
@CommandHandler(RegisterInformantCommand)
export class RegisterInformantHandler implements ICommandHandler<RegisterInformantCommand, Written> {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, meta: { actor, idempotencyKey } }: RegisterInformantCommand): Promise<Written> {
    if (!inScope(actor, { subDistrict: input.subDistrict })) {
      throw new DomainError('forbidden', `A ${actor.role} of ${actor.subDistrict} may not register informants in ${input.subDistrict}`, [
        { field: 'subDistrict', message: 'is outside your sub-district' },
      ]);
    }
    const { username, password, ...entry } = input;
    const command = (informantId: string): RegisterInformant => ({
      type: 'RegisterInformant',
      informantId,
      ...entry,
      now: this.clock.now(),
      actor: domainActor(actor),
    });
    informant.decide(command(ACCOUNT_TO_BE_CREATED), informant.initialState());

    const account: Written = await this.commands.execute(
      new CreateAccountCommand(
        // No display name: the informant's name stays in their registry entry, sealed under their
        // person key and erased with them; the account is known by its username (docs/decisions/0012).
        { username, password, role: 'informant', subDistrict: input.subDistrict },
        { actor: domainActor(actor), idempotencyKey: commandKey(actor, idempotencyKey) },
      ),
    );
    const result = await decideAndAppend(this.store, informant, informantStreamId(account.id), command(account.id), writeContext(actor, { idempotencyKey }));
    return { id: account.id, version: result.version };
  }
}
