/*
 * The HTTP-side helpers dispute cases use for every record that has a sub-district and maybe a
 * mediator: scoped loading and writing with If-Match and Idempotency-Key, the same scope rule in
 * SQL, the ETag, and who sees personal data in full. Imported from libs/disputes' internals
 * through this one file (see shared/checks.ts), so both contexts answer alike.
 */
export { ScopedStreams, domainActor, writeContext } from '../../../disputes/src/shared/scoped-streams';
export type { WithoutContext, WriteRequest, Written } from '../../../disputes/src/shared/scoped-streams';
export { restrictToScope } from '../../../disputes/src/shared/scope-filter';
export { maskClaimant as maskWorker } from '../../../disputes/src/shared/personal-data';
export { withETag } from '../../../disputes/src/http/etag';
export { seesPersonalData } from '../../../disputes/src/get-dispute/get-dispute.handler';
