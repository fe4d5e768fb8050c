import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK, DomainError, DuplicateRecordError } from '@lc/decider';
import { claimUniqueKey, decideAndAppend, deterministicUuid, EVENT_STORE, EventStore, normalizedKey } from '@lc/event-store';
import { commandKey, writeContext, Written } from '@lc/http';
import { domainActor, inScope } from '@lc/access';
import { complaint, complaintStreamId } from '../complaint/complaint.decider';
import { ReceiveComplaintCommand } from './receive-complaint.command';

/** One claim stream per work-order number: the number can be taken once across all complaints. */
export function workOrderNoStream(workOrderNo: string): string {
  return `work-order-no-${normalizedKey(workOrderNo)}`;
}

/**
 * A 12351 work order, an online post or another complaint, as the union receives it. A work-order
 * number already received answers 409 `duplicate` naming that complaint, and appends nothing: the
 * hotline's figure would otherwise count the call twice.
 */
@CommandHandler(ReceiveComplaintCommand)
export class ReceiveComplaintHandler implements ICommandHandler<ReceiveComplaintCommand, Written> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, meta: { actor, idempotencyKey } }: ReceiveComplaintCommand): Promise<Written> {
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
      {
        ...writeContext(actor, { idempotencyKey }),
        beforeAppend: async () => {
          if (input.workOrderNo === undefined) return;
          const { ownerId } = await claimUniqueKey(this.store, {
            streamId: workOrderNoStream(input.workOrderNo),
            type: 'WorkOrderNoClaimed',
            ownerId: complaintId,
            data: { workOrderNo: input.workOrderNo },
            actor,
          });
          if (ownerId !== complaintId) {
            throw new DuplicateRecordError(
              `Work order ${input.workOrderNo} was received already`,
              { kind: 'complaint', id: ownerId },
              [{ field: 'workOrderNo', message: 'was received already' }],
            );
          }
        },
      },
    );
    return { id: complaintId, version: result.version };
  }
}
