import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DisputeOpener, OpenedDispute } from '@lc/disputes';
import { deterministicUuid } from '@lc/event-store';
import { disputeFromAlert } from '../alert/alert.decider';
import { AlertStreams } from '../shared/alert-streams';
import { Written } from '@lc/http';
import { openingMediator } from '@lc/access';
import { ConvertAlertCommand } from './convert-alert.command';

export interface ConvertedAlert extends OpenedDispute {
  /** The alert, now linked to the case. */
  alert: Written;
}

/** One alert becomes at most one case, so the case's id can be derived from the alert's. */
export const disputeIdForAlert = (alertId: string): string => deterministicUuid('dispute-from-alert', alertId);

/**
 * Turns an alert into a dispute case (预警转案) the way complaints are converted (DisputeOpener.convert):
 * the alert stream and the case stream read once each, OpenDispute and ConvertAlert decided once
 * each, AlertConverted appended at the alert's version, then the case opened with its number.
 */
@CommandHandler(ConvertAlertCommand)
export class ConvertAlertHandler implements ICommandHandler<ConvertAlertCommand, ConvertedAlert> {
  constructor(
    private readonly alerts: AlertStreams,
    private readonly opener: DisputeOpener,
  ) {}

  async execute({ alertId, input, meta: { actor, expectedVersion, idempotencyKey } }: ConvertAlertCommand): Promise<ConvertedAlert> {
    const { confirmDuplicate, assignToMe, ...details } = input;
    const disputeId = disputeIdForAlert(alertId);
    const { record, ...dispute } = await this.opener.convert(
      {
        records: this.alerts,
        id: alertId,
        command: { type: 'ConvertAlert', disputeId },
        disputeId,
        details: (alert) => disputeFromAlert(alert, details),
        convertedTo: (alert) => (alert.status === 'converted' ? alert.disputeId : null),
        mediatorId: openingMediator(actor, assignToMe),
        confirmDuplicate,
      },
      actor,
      { expectedVersion, idempotencyKey },
    );
    return { ...dispute, alert: record };
  }
}
