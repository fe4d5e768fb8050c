import { DueDeadline } from '@lc/decider';
import { ALERT_STREAM_PREFIX, AlertCommand, alert } from '../alert/alert.decider';

/**
 * What the statutory clocks send an alert whose pick-up deadline (alert_pickup) passed with nobody
 * picking it up: EscalateAlert {reason: not_acknowledged_in_time}, decided by the alert's decider.
 * The pick-up clock has no reminder (a deadline of hours is itself the warning). The worker hands
 * this to the clocks (ClocksWorkerModule.forRoot).
 */
export const alertPickupDeadline = {
  streamPrefix: ALERT_STREAM_PREFIX,
  decider: alert,
  commandFor: ({ now, actor }: DueDeadline): AlertCommand => ({ type: 'EscalateAlert', reason: 'not_acknowledged_in_time', now, actor }),
};
