/*
 * The request field schemas mediations share with dispute cases (same wording, same limits), from
 * libs/disputes' internals through this one file; see shared/checks.ts.
 */
export {
  claimant as worker,
  disputeCategory as category,
  employer,
  fen,
  isoDate,
  optionalNote,
  subDistrict,
  text,
} from '../../../disputes/src/shared/request-fields';
