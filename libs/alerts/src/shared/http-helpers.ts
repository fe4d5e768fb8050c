/*
 * The HTTP-side helpers dispute cases use for every record that has a sub-district: scoped loading
 * and writing with If-Match and Idempotency-Key, the same scope rule in SQL, and the ETag. From
 * libs/disputes' internals through this one file (see shared/checks.ts), so every context answers alike.
 */
export { ScopedStreams, domainActor, writeContext } from '../../../disputes/src/shared/scoped-streams';
export type { WithoutContext, WriteRequest, Written } from '../../../disputes/src/shared/scoped-streams';
export { restrictToScope } from '../../../disputes/src/shared/scope-filter';
export { withETag } from '../../../disputes/src/http/etag';
