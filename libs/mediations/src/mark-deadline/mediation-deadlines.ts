import { deadlineCommand, DueDeadline } from '@lc/decider';
import { MEDIATION_STREAM_PREFIX, MediationCommand, mediation } from '../mediation/mediation.decider';

/**
 * What the statutory clocks send a mediation when a reminder or a deadline of its clocks
 * (mediation_period, judicial_confirmation) comes: RemindOfDeadline or MarkDeadlineReached,
 * decided by the mediation's decider. The worker hands this to the clocks (ClocksWorkerModule.forRoot).
 */
export const mediationDeadlines = {
  streamPrefix: MEDIATION_STREAM_PREFIX,
  decider: mediation,
  commandFor: (due: DueDeadline): MediationCommand => deadlineCommand(due),
};
