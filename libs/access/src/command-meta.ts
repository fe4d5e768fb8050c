import type { AuthenticatedActor } from './actor';

/**
 * What every command carries besides its own input: who sends it, the record's version they saw
 * (If-Match; absent, the write only guards against races) and their Idempotency-Key (new ids and
 * event ids derive from it). An HTTP handler gets it whole from `@RequestMeta()` (libs/http);
 * other senders (the demo, imports, other commands' handlers) build it themselves.
 */
export interface CommandMeta<TActor = AuthenticatedActor> {
  readonly actor: TActor;
  readonly expectedVersion?: number;
  readonly idempotencyKey?: string;
}
