import { createHash, randomUUID } from 'node:crypto';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, lastValueFrom, Observable, of } from 'rxjs';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { prepared, WITHOUT_FLUSH } from '@lc/database';
import { DomainError, invalidField } from '@lc/decider';
import { RequestWithActor } from '../access/access';

// Sent with every command that carries a key, so parsed once per connection (ADR 0020).
// New key, or a pending one for this same request whose holder stopped renewing it (crashed):
// take it over. Exactly one of several simultaneous retries gets the row.
const TAKE_KEY = prepared(`INSERT INTO idempotency_keys AS k (actor_id, key, request_hash, state, lease_id, lease_expires_at)
  SELECT $1, $2, $3, 'pending', $4::uuid, now() + make_interval(secs => $5) FROM ${WITHOUT_FLUSH}
  ON CONFLICT (actor_id, key) DO UPDATE SET lease_id = EXCLUDED.lease_id, lease_expires_at = EXCLUDED.lease_expires_at
    WHERE k.state = 'pending' AND k.request_hash = EXCLUDED.request_hash AND k.lease_expires_at < now()
  RETURNING key`);
// Whoever holds the lease writes the answer; a try that lost its lease meanwhile leaves the row to the one that took it.
const KEEP_ANSWER = prepared(`UPDATE idempotency_keys SET state = 'done', status = $4, body = $5, headers = $6, lease_expires_at = NULL
    FROM ${WITHOUT_FLUSH}
   WHERE actor_id = $1 AND key = $2 AND lease_id = $3`);

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Headers a replay must give back as the first answer did. */
const KEPT_HEADERS = ['etag', 'location'];

/**
 * Sorted keys, so that {"a":1,"b":2} and {"b":2,"a":1} are the same request. Built with an explicit
 * stack rather than recursion: the body parser bounds the depth, and this must not rely on it.
 */
export function canonical(value: unknown): string {
  const out: string[] = [];
  // Either a value still to write, or a literal piece of punctuation.
  const stack: Array<{ value: unknown } | { text: string }> = [{ value }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const current = item.value;
    if (Array.isArray(current)) {
      const parts: Array<{ value: unknown } | { text: string }> = [{ text: '[' }];
      current.forEach((element, i) => parts.push(...(i ? [{ text: ',' }] : []), { value: element }));
      parts.push({ text: ']' });
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]);
    } else if (current && typeof current === 'object') {
      const keys = Object.keys(current).sort();
      const parts: Array<{ value: unknown } | { text: string }> = [{ text: '{' }];
      keys.forEach((key, i) =>
        parts.push({ text: `${i ? ',' : ''}${JSON.stringify(key)}:` }, { value: (current as Record<string, unknown>)[key] }),
      );
      parts.push({ text: '}' });
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]);
    } else {
      out.push(JSON.stringify(current) ?? 'null');
    }
  }
  return out.join('');
}

/** The request a key was first used for: method, path and canonical body. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonical(body ?? null)}`).digest('hex');
}

interface StoredKey {
  request_hash: string;
  state: 'pending' | 'done';
  status: number | null;
  body: unknown;
  headers: Record<string, string> | null;
  /** Seconds until a pending key's lease runs out (negative: it has). */
  lease_left: number | null;
}

/**
 * Idempotency-Key on POST and PATCH: the first request with a key runs and its answer is kept;
 * the same key with the same request gets that answer again and runs nothing; the same key with
 * another request is refused (422). Keys are per user. A request that fails keeps no key, so the
 * client can correct it and retry.
 *
 * A key being handled is a lease of IDEMPOTENCY_LEASE_SECONDS, renewed while the request runs. A
 * process that dies mid-request renews it no more: once it runs out, the same request with the same
 * key runs the command again. That is safe because commands derive their event ids (and new
 * records' ids) from the key, so the store appends at most once and the retry answers as the first
 * try would have. Until then a retry is told 409 with Retry-After. Keys are deleted after
 * IDEMPOTENCY_KEY_RETENTION_DAYS (IdempotencyKeyRetention); no record's identity depends on them.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & RequestWithActor>();
    const key = request.header(IDEMPOTENCY_KEY_HEADER);
    if (key === undefined || !['POST', 'PATCH'].includes(request.method) || !request.actor) return next.handle();
    // An upload's body is parsed after interceptors run, so its hash here would ignore the file;
    // uploads (spreadsheet imports) are idempotent by the file's own hash instead.
    if (request.is('multipart/form-data')) return next.handle();
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw invalidField('Idempotency-Key', 'must be 1-200 visible ASCII characters, e.g. a UUID');
    }
    const response = context.switchToHttp().getResponse<Response>();
    return from(this.run(request.actor.id, key, request, response, next));
  }

  /*
   * The key's rows (the lease, then the answer) are committed without waiting for the WAL flush
   * (WITHOUT_FLUSH: that statement's own transaction only; the events a command appends keep
   * waiting for theirs). Losing the last few of these rows in a crash of PostgreSQL is what a crash
   * of the API already does, and is safe for the same reason: a retry with the key runs the command
   * again, which appends nothing new (its event ids derive from the key) and answers as the first
   * try did. Two flushes fewer on every command sent with a key.
   */
  private async run(actorId: string, key: string, request: Request, response: Response, next: CallHandler): Promise<unknown> {
    const hash = requestHash(request.method, request.path, request.body);
    const lease = randomUUID();
    const leaseSeconds = this.config.IDEMPOTENCY_LEASE_SECONDS;
    const taken: unknown[] = await this.dataSource.query(TAKE_KEY, [actorId, key, hash, lease, leaseSeconds]);
    if (taken.length === 0) return this.replay(actorId, key, hash, response);

    const renewal = setInterval(() => {
      this.dataSource
        .query(
          `UPDATE idempotency_keys SET lease_expires_at = now() + make_interval(secs => $4)
            WHERE actor_id = $1 AND key = $2 AND lease_id = $3 AND state = 'pending'`,
          [actorId, key, lease, leaseSeconds],
        )
        .catch(() => undefined); // the next renewal or the answer's own update will tell
    }, (leaseSeconds * 1000) / 3);
    renewal.unref();
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      clearInterval(renewal);
      const headers = Object.fromEntries(
        KEPT_HEADERS.map((h) => [h, response.getHeader(h)]).filter(([, v]) => v !== undefined),
      );
      await this.dataSource.query(KEEP_ANSWER, [actorId, key, lease, response.statusCode, JSON.stringify(body ?? null), JSON.stringify(headers)]);
      return body;
    } catch (error) {
      clearInterval(renewal);
      await this.dataSource.query(`DELETE FROM idempotency_keys WHERE actor_id = $1 AND key = $2 AND lease_id = $3 AND state = 'pending'`, [
        actorId,
        key,
        lease,
      ]);
      throw error;
    }
  }

  private async replay(actorId: string, key: string, hash: string, response: Response): Promise<unknown> {
    const [stored]: StoredKey[] = await this.dataSource.query(
      `SELECT request_hash, state, status, body, headers,
              extract(epoch FROM lease_expires_at - now())::float8 AS lease_left
         FROM idempotency_keys WHERE actor_id = $1 AND key = $2`,
      [actorId, key],
    );
    if (!stored) throw new DomainError('conflict', 'A request with this Idempotency-Key failed meanwhile; send it again');
    if (stored.request_hash !== hash) {
      throw new DomainError('unprocessable', 'This Idempotency-Key was used for a different request', [
        { field: 'Idempotency-Key', message: 'was used for a different request' },
      ]);
    }
    if (stored.state === 'pending') {
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(stored.lease_left ?? 1))));
      throw new DomainError('conflict', 'A request with this Idempotency-Key is still being handled; send it again after Retry-After seconds');
    }
    for (const [name, value] of Object.entries(stored.headers ?? {})) response.setHeader(name, value);
    response.setHeader('Idempotent-Replayed', 'true');
    return lastValueFrom(of(stored.body));
  }
}
