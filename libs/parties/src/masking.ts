import { maskPhone, maskResidentId } from '@lc/reference-data';
import type { Claimant } from './parties';

/* Workers' ID numbers and phones are personal data: shown in full only on a record's detail, to those who work it. */

export function maskClaimant(claimant: Claimant): Claimant {
  return {
    ...claimant,
    ...(claimant.idNumber !== undefined ? { idNumber: maskResidentId(claimant.idNumber) } : {}),
    ...(claimant.phone !== undefined ? { phone: maskPhone(claimant.phone) } : {}),
  };
}
