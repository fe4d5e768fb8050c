import { deadlineCommand, DueDeadline } from '@lc/decider';
import { DISPUTE_STREAM_PREFIX, DisputeCommand, disputeCase } from '../dispute-case/dispute-case.decider';

/**
 * What the statutory clocks send a dispute case when a reminder or a deadline of its clocks
 * (dispute_mediation, arbitration_limitation) comes: RemindOfDeadline or MarkDeadlineReached,
 * decided by the case's decider. The worker hands this to the clocks (ClocksWorkerModule.forRoot).
 */
export const disputeDeadlines = {
  streamPrefix: DISPUTE_STREAM_PREFIX,
  decider: disputeCase,
  commandFor: (due: DueDeadline): DisputeCommand => deadlineCommand(due),
};
