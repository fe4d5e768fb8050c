/*
 * The request field schemas alerts share with dispute cases (same wording, same limits), from
 * libs/disputes' internals through this one file; see shared/checks.ts.
 */
export { claimant, disputeCategory, fen, isoDate, text, workersInvolved } from '../../../disputes/src/shared/request-fields';
