import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
// pino-http declares IncomingMessage.id, the field it and this middleware share.
import type {} from 'pino-http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Ids from outside end up in logs and answers: short, and no characters that could forge log lines. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function resolveRequestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Gives every request an id (the caller's X-Request-Id, or a new UUID) and echoes it. Registered
 * before anything else, so that even errors from the body parser carry it.
 */
export function requestIdMiddleware() {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    req.id ??= resolveRequestId(req);
    res.setHeader(REQUEST_ID_HEADER, String(req.id));
    next();
  };
}

/** For pino-http: reuse the id the middleware gave, so logs and answers agree. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  if (req.id === undefined || req.id === null) {
    req.id = resolveRequestId(req);
    res.setHeader(REQUEST_ID_HEADER, req.id);
  }
  return String(req.id);
}
