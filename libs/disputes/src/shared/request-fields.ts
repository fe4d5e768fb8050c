import { partyFields } from '@lc/parties';

/* The field schemas the dispute and complaint requests share: the parties' (libs/parties), worded alike for mediations and alerts. */
export const {
  assignToMe,
  claimant,
  confirmDuplicate,
  creditCode,
  disputeCategory,
  disputeChannel,
  employer,
  fen,
  isoDate,
  isoInstant,
  optionalNote,
  subDistrict,
  text,
  workersInvolved,
} = partyFields;
