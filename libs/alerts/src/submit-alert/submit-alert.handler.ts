import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { Clock, CLOCK, DomainError, invalidField } from '@lc/decider';
import { decideAndAppend, deterministicUuid, EVENT_STORE, EventStore } from '@lc/event-store';
import { commandKey, writeContext } from '@lc/http';
import { domainActor } from '@lc/access';
import { AlertGrade } from '@lc/reference-data';
import { Alert, SubmitAlert, alert, alertStreamId } from '../alert/alert.decider';
import { RiskWeightsStore } from '../risk-weights/risk-weights.store';
import { SubmitAlertCommand } from './submit-alert.command';

export interface SubmittedAlert {
  id: string;
  version: number;
  status: string;
  grade: AlertGrade | null;
  pickupDeadlineAt: string | null;
}

/** The alert's id, from the informant's Idempotency-Key: however often a phone resends, it is one alert. */
export const alertIdForKey = (scopedKey: string): string => deterministicUuid('alert', scopedKey);

export function requireIdempotencyKey(idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined || idempotencyKey.trim() === '') {
    throw invalidField('Idempotency-Key', 'is required: send a new key (e.g. a UUID) per alert, and the same key when resending it');
  }
  return idempotencyKey;
}

/**
 * An informant reports from their phone, often on a bad network: the request may arrive several
 * times, or its answer get lost. The alert's id and its events' ids come from the key, so every
 * repeat finds the alert already there and appends nothing (decideAndAppend), whether or not the
 * Idempotency-Key interceptor kept the first answer.
 */
@CommandHandler(SubmitAlertCommand)
export class SubmitAlertHandler implements ICommandHandler<SubmitAlertCommand, SubmittedAlert> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly weights: RiskWeightsStore,
  ) {}

  async execute({ input, meta: { actor, idempotencyKey } }: SubmitAlertCommand): Promise<SubmittedAlert> {
    const key = requireIdempotencyKey(idempotencyKey);
    if (actor.role !== 'informant' || actor.subDistrict !== input.subDistrict) {
      throw new DomainError('forbidden', `An informant of ${actor.subDistrict} may not report alerts in ${input.subDistrict}`, [
        { field: 'subDistrict', message: 'is outside your sub-district' },
      ]);
    }
    const alertId = alertIdForKey(commandKey(actor, key)!);
    const { weights } = await this.weights.current();
    const command: SubmitAlert = {
      type: 'SubmitAlert',
      alertId,
      informantId: actor.id,
      ...input,
      weights,
      pickupWithinMinutes: { red: this.config.ALERT_PICKUP_RED_MINUTES, yellow: this.config.ALERT_PICKUP_YELLOW_MINUTES },
      now: this.clock.now(),
      actor: domainActor(actor),
    };
    const result = await decideAndAppend(this.store, alert, alertStreamId(alertId), command, writeContext(actor, { idempotencyKey: key }));
    const submitted = result.state as Alert;
    return { id: alertId, version: result.version, status: submitted.status, grade: submitted.grade, pickupDeadlineAt: submitted.pickupDeadlineAt };
  }
}
