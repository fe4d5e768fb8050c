import type { MediationWorker } from '../mediation/mediation.decider';
import { maskClaimant as maskWorker } from '@lc/parties';

/* Workers' ID numbers and phones are personal data: in full only on a mediation's detail, to those who work it. */

export { maskWorker };

/** An event's data as anyone may read it (timelines): the workers of a referral masked. */
export function maskedMediationEventData(type: string, data: Record<string, unknown>): Record<string, unknown> {
  if (type === 'MediationReferred' && Array.isArray(data.workers)) {
    return { ...data, workers: (data.workers as MediationWorker[]).map(maskWorker) };
  }
  return data;
}
