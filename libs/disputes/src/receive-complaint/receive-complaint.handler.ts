import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK, DomainError } from '@lc/decider';
import { decideAndAppend, deterministicUuid, EVENT_STORE, EventStore } from '@lc/event-store';
import { commandKey, inScope, domainActor, writeContext, Written } from '@lc/http';
import { complaint, complaintStreamId } from '../complaint/complaint.decider';
import { ReceiveComplaintCommand } from './receive-complaint.command';

/** A 12351 work order, an online post or another complaint, as the union receives it. */
@CommandHandler(ReceiveComplaintCommand)
export class ReceiveComplaintHandler implements ICommandHandler<ReceiveComplaintCommand, Written> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, actor, idempotencyKey }: ReceiveComplaintCommand): Promise<Written> {
    if (!inScope(actor, { subDistrict: input.subDistrict })) {
      throw new DomainError('forbidden', `A ${actor.role} of ${actor.subDistrict} may not receive complaints for ${input.subDistrict}`, [
        { field: 'subDistrict', message: 'is outside your sub-district' },
      ]);
    }
    const key = commandKey(actor, idempotencyKey);
    const complaintId = key ? deterministicUuid('complaint', key) : randomUUID();
    const result = await decideAndAppend(
      this.store,
      complaint,
      complaintStreamId(complaintId),
      { type: 'ReceiveComplaint', complaintId, ...input, now: this.clock.now(), actor: domainActor(actor) },
      writeContext(actor, { idempotencyKey }),
    );
    return { id: complaintId, version: result.version };
  }
}
