import { Claimant, maskClaimant } from '@lc/parties';

/* Claimants' ID numbers and phones are personal data: shown in full only on a case's detail, to those who work it (maskClaimant, libs/parties). */

export { maskClaimant };

/** An event's data as anyone may read it (timelines): the claimants of an opening masked. */
export function maskedEventData(type: string, data: Record<string, unknown>): Record<string, unknown> {
  if (type === 'DisputeOpened' && Array.isArray(data.claimants)) {
    return { ...data, claimants: (data.claimants as Claimant[]).map(maskClaimant) };
  }
  return data;
}
