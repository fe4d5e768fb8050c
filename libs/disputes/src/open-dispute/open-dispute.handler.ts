import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@lc/decider';
import { deterministicUuid } from '@lc/event-store';
import { commandKey, inScope } from '@lc/http';
import { DisputeOpener, OpenedDispute } from './dispute-opener';
import { OpenDisputeCommand } from './open-dispute.command';

@CommandHandler(OpenDisputeCommand)
export class OpenDisputeHandler implements ICommandHandler<OpenDisputeCommand, OpenedDispute> {
  constructor(private readonly opener: DisputeOpener) {}

  async execute({ input, actor, idempotencyKey }: OpenDisputeCommand): Promise<OpenedDispute> {
    if (!inScope(actor, { subDistrict: input.subDistrict })) {
      throw new DomainError('forbidden', `A ${actor.role} of ${actor.subDistrict} may not open cases in ${input.subDistrict}`, [
        { field: 'subDistrict', message: 'is outside your sub-district' },
      ]);
    }
    // From the key, so that a retry after a crash opens this same case rather than a second one.
    const key = commandKey(actor, idempotencyKey);
    const disputeId = key ? deterministicUuid('dispute', key) : randomUUID();
    return this.opener.open({ ...input, disputeId }, actor, { idempotencyKey });
  }
}
