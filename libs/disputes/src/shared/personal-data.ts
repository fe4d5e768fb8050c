import { maskPhone, maskResidentId } from '@lc/reference-data';
import type { Claimant } from '../dispute-case/dispute-case.decider';

/* Claimants' ID numbers and phones are personal data: shown in full only on a case's detail, to those who work it. */

export function maskClaimant(claimant: Claimant): Claimant {
  return {
    ...claimant,
    ...(claimant.idNumber !== undefined ? { idNumber: maskResidentId(claimant.idNumber) } : {}),
    ...(claimant.phone !== undefined ? { phone: maskPhone(claimant.phone) } : {}),
  };
}

/** An event's data as anyone may read it (timelines): the claimants of an opening masked. */
export function maskedEventData(type: string, data: Record<string, unknown>): Record<string, unknown> {
  if (type === 'DisputeOpened' && Array.isArray(data.claimants)) {
    return { ...data, claimants: (data.claimants as Claimant[]).map(maskClaimant) };
  }
  return data;
}
