import { WithoutContext } from '@lc/http';
import { CommandMeta } from '@lc/access';
import { AcknowledgeAlert, DismissAlert, EscalateAlert, VerifyAlert } from '../alert/alert.decider';

export type TriageStep = WithoutContext<AcknowledgeAlert | VerifyAlert | DismissAlert | EscalateAlert>;

/** Acknowledgement, verification, dismissal or escalation: one step on one alert. */
export class TriageAlertCommand {
  constructor(
    readonly alertId: string,
    readonly step: TriageStep,
    /** meta.expectedVersion (If-Match): the alert's version. */
    readonly meta: CommandMeta,
  ) {}
}
