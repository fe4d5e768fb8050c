import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@lc/decider';
import { deterministicUuid } from '@lc/event-store';
import { commandKey } from '@lc/http';
import { inScope, openingMediator } from '@lc/access';
import { DisputeOpener, OpenedDispute } from './dispute-opener';
import { OpenDisputeCommand } from './open-dispute.command';
import { OverlappingCases, refuseUnconfirmedOverlap } from './overlapping-cases';

@CommandHandler(OpenDisputeCommand)
export class OpenDisputeHandler implements ICommandHandler<OpenDisputeCommand, OpenedDispute> {
  constructor(
    private readonly opener: DisputeOpener,
    private readonly overlapping: OverlappingCases,
  ) {}

  async execute({ input, meta: { actor, idempotencyKey } }: OpenDisputeCommand): Promise<OpenedDispute> {
    if (!inScope(actor, { subDistrict: input.subDistrict })) {
      throw new DomainError('forbidden', `A ${actor.role} of ${actor.subDistrict} may not open cases in ${input.subDistrict}`, [
        { field: 'subDistrict', message: 'is outside your sub-district' },
      ]);
    }
    // From the key, so that a retry after a crash opens this same case rather than a second one.
    const key = commandKey(actor, idempotencyKey);
    const disputeId = key ? deterministicUuid('dispute', key) : randomUUID();
    const { confirmDuplicate, assignToMe, ...details } = input;
    const mediatorId = openingMediator(actor, assignToMe);
    // A read model (and the candidates' streams), before the command path: what the opening is checked against.
    const overlaps = await this.overlapping.find(details.employer.creditCode, details.claimants, disputeId);
    return this.opener.open(
      { ...details, disputeId, confirmedDuplicateOf: overlaps.map((o) => o.id), mediatorId },
      actor,
      { idempotencyKey },
      // Once the opening is decided: refused input is refused first, so a 409 is about a case that could otherwise open.
      () => refuseUnconfirmedOverlap(overlaps, details.employer.name, confirmDuplicate),
    );
  }
}
