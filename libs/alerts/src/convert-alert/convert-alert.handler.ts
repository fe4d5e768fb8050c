import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DisputeOpener, OpenedDispute, disputeStreamId } from '@lc/disputes';
import { deterministicUuid, EVENT_STORE, EventStore } from '@lc/event-store';
import { disputeFromAlert } from '../alert/alert.decider';
import { AlertStreams } from '../shared/alert-streams';
import { Written } from '@lc/http';
import { ConvertAlertCommand } from './convert-alert.command';

export interface ConvertedAlert extends OpenedDispute {
  /** The alert, now linked to the case. */
  alert: Written;
}

/** One alert becomes at most one case, so the case's id can be derived from the alert's. */
export const disputeIdForAlert = (alertId: string): string => deterministicUuid('dispute-from-alert', alertId);

/**
 * Turns an alert into a dispute case (预警转案), in the order complaint conversion follows: check
 * the case (nothing written yet), record the conversion on the alert at its version (of two
 * concurrent conversions only one gets past this), then open the case. A conversion cut short
 * between the two appends is finished by the next try, with or without its Idempotency-Key: the
 * alert already names the case's id, and the case is opened then.
 */
@CommandHandler(ConvertAlertCommand)
export class ConvertAlertHandler implements ICommandHandler<ConvertAlertCommand, ConvertedAlert> {
  constructor(
    private readonly alerts: AlertStreams,
    private readonly opener: DisputeOpener,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ alertId, input, actor, expectedVersion, idempotencyKey }: ConvertAlertCommand): Promise<ConvertedAlert> {
    const { record, version } = await this.alerts.load(alertId, actor);
    const disputeId = disputeIdForAlert(alertId);
    const details = { ...disputeFromAlert(record, input), disputeId };
    this.opener.check(details, actor);

    let alertVersion = version;
    const unfinished = record.status === 'converted' && record.disputeId === disputeId && !(await this.exists(disputeStreamId(disputeId)));
    // An unfinished conversion ignores If-Match: the version the client saw is the one before it.
    if (!unfinished) {
      const converted = await this.alerts.change(alertId, actor, { type: 'ConvertAlert', disputeId }, { expectedVersion, idempotencyKey });
      alertVersion = converted.version;
    }
    const dispute = await this.opener.open(details, actor, { idempotencyKey });
    return { ...dispute, alert: { id: alertId, version: alertVersion } };
  }

  private async exists(streamId: string): Promise<boolean> {
    return (await this.store.readStream(streamId, { maxCount: 1 })).length > 0;
  }
}
