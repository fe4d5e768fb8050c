import { disputeFields } from '@lc/disputes';

/* The request field schemas alerts share with dispute cases (a conversion opens one): same wording, same limits. */
export const { claimant, disputeCategory, fen, isoDate, text, workersInvolved } = disputeFields;
