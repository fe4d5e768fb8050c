import { partyFields } from '@lc/parties';

/* The request field schemas alerts share with dispute cases (a conversion opens one; libs/parties): same wording, same limits. */
export const { assignToMe, claimant, confirmDuplicate, disputeCategory, fen, isoDate, text, workersInvolved } = partyFields;
