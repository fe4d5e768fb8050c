import { disputeFields } from '@lc/disputes';

/* The request field schemas mediations share with dispute cases: same wording, same limits. */
export const { claimant: worker, disputeCategory: category, employer, fen, isoDate, optionalNote, subDistrict, text } = disputeFields;
