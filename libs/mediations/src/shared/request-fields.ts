import { partyFields } from '@lc/parties';

/* The request field schemas mediations share with dispute cases (libs/parties): same wording, same limits. */
export const { assignToMe, claimant: worker, disputeCategory: category, employer, fen, isoDate, optionalNote, subDistrict, text } = partyFields;
