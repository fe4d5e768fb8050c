import { MaxAppendSizeExceededError, NotLeaderError, UnavailableError } from '@kurrent/kurrentdb-client';
import { AppendTooLargeError, EventStoreUnavailableError } from '../event-store.port';

/**
 * The port's errors for what the client throws: an election or a lost node is a retryable
 * outage, an oversized append its own error; anything else as it is.
 */
export function portError(error: unknown, streamId?: string): unknown {
  if (error instanceof NotLeaderError || error instanceof UnavailableError) {
    return new EventStoreUnavailableError(`KurrentDB is not available: ${(error as Error).message}`, { cause: error });
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new AppendTooLargeError(streamId ?? '', Number((error as { maxAppendSize?: unknown }).maxAppendSize) || undefined);
  }
  return error;
}
