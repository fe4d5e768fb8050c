import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { TryLaterError } from '@lc/decider';
import { refuseDeepJson } from '@lc/http';
import { RateBucket, RateLimiter } from './rate-limiter';
import { Tokens } from './tokens';

/** The login body is well under 1 kB; nothing without a token needs more. */
export const UNAUTHENTICATED_BODY_LIMIT_BYTES = 4096;
/** The login body is one level deep. */
export const UNAUTHENTICATED_BODY_MAX_DEPTH = 4;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
/** The routes that need no token and do real work (password hashes, token look-ups): limited harder. */
const PUBLIC_AUTH_ROUTE = /^\/api\/v1\/auth\/(?:login|refresh|logout)\/?$/;

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function clientError(status: number, message: string, type?: string) {
  // The shape body-parser's errors have: the problem handler answers with this status and message,
  // and maps `type` to the same code as the general parser's (a client branches on one code either way).
  return Object.assign(new Error(message), { status, expose: true, ...(type ? { type } : {}) });
}

/** Reads a small JSON body itself, so that the general parser (1 MB) never sees a request without a token. */
const refuseDeep = refuseDeepJson(UNAUTHENTICATED_BODY_MAX_DEPTH);

function readSmallJson(req: Request, res: Response): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return; // the rest is drained and dropped
      size += chunk.length;
      chunks.push(chunk);
      if (size > UNAUTHENTICATED_BODY_LIMIT_BYTES) {
        failed = true;
        // Too large and too deep: the depth is the more telling answer (400 naming `body`, as on every route).
        try {
          refuseDeep(req, res, Buffer.concat(chunks).subarray(0, UNAUTHENTICATED_BODY_LIMIT_BYTES));
        } catch (error) {
          return reject(error);
        }
        reject(clientError(413, `A request without a token may carry at most ${UNAUTHENTICATED_BODY_LIMIT_BYTES} bytes`));
      }
    });
    req.on('error', (error) => {
      if (!failed) reject(clientError(400, `The request body could not be read: ${error.message}`));
      failed = true;
    });
    req.on('end', () => {
      if (failed) return;
      const bytes = Buffer.concat(chunks);
      try {
        // Before parsing: a 400 naming `body`, as the general parser answers past its own depth.
        refuseDeep(req, res, bytes);
      } catch (error) {
        return reject(error);
      }
      const text = bytes.toString('utf8');
      try {
        resolve(JSON.parse(text));
      } catch {
        // body-parser's type, so malformed JSON is `malformed_json` with or without a token.
        reject(clientError(400, 'The request body is not valid JSON', 'entity.parse.failed'));
      }
    });
  });
}

/**
 * Before any body is read: the rate limits (per client address on every route; per account for a
 * request with a valid token; per address, harder, for login/refresh/logout), then, for a request
 * without a valid token, its JSON body with a small size and depth limit. Register it before the
 * general body parser, and the problem-details error handler after it.
 */
export function requestLimits(app: INestApplication) {
  const limiter = app.get(RateLimiter, { strict: false });
  const tokens = app.get(Tokens, { strict: false });
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      const claims = bearer ? await tokens.claimsOfRequest(req, bearer[1]) : undefined;
      const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';

      const checks: [RateBucket, string][] = [['address', address]];
      if (claims) checks.push(['account', claims.sub]);
      else if (PUBLIC_AUTH_ROUTE.test(req.path)) checks.push(['public', address]);
      const over = await limiter.hit(checks);
      if (over) {
        const whose = over.bucket === 'account' ? 'this account' : 'this address';
        throw new TryLaterError('too_many_requests', `Too many requests from ${whose}. Try again in ${over.waitSeconds} s.`, over.waitSeconds);
      }

      if (!claims && hasBody(req) && JSON_TYPE.test(req.headers['content-type'] ?? '')) {
        const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
        if (encoding !== 'identity') throw clientError(415, 'A request without a token must not be compressed');
        req.body = await readSmallJson(req, res);
        // body-parser's own mark: the general JSON parser leaves a request it finds marked alone.
        (req as Request & { _body?: boolean })._body = true;
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
