import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AlertStreams } from '../shared/alert-streams';
import { Written } from '@lc/http';
import { TriageAlertCommand } from './triage-alert.command';

/** The triage desk's steps on an alert of its scope; the decider says which are still possible. */
@CommandHandler(TriageAlertCommand)
export class TriageAlertHandler implements ICommandHandler<TriageAlertCommand, Written> {
  constructor(private readonly alerts: AlertStreams) {}

  async execute({ alertId, step, meta: { actor, expectedVersion, idempotencyKey } }: TriageAlertCommand): Promise<Written> {
    const { id, version } = await this.alerts.change(alertId, actor, step, { expectedVersion, idempotencyKey });
    return { id, version };
  }
}
