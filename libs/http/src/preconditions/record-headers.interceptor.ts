import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';

/**
 * Where a route's created record is read, relative to the API root (`/api/v1`):
 * - a template such as `'disputes/:id'` or `'disputes/:id/letters/:letterId'`: each `:name` is the
 *   answer's field `name` (a string or a number), else the route parameter `name`, URI-encoded;
 * - or a function of the answer and the route parameters, for an address a template cannot say
 *   (optional query parameters); it returns the path already encoded, or undefined for none.
 * When a value is missing the answer carries no Location (never a wrong one).
 */
export type CreatedRecordPath = string | ((answer: Record<string, unknown>, params: Record<string, string>) => string | undefined);

export const CREATED_AT_METADATA = 'lc:created-at';

/**
 * Names where the record a route creates lives, for its 201's `Location`, when that is not the
 * collection the POST went to plus the answer's `id` (the default): a conversion that opens a
 * dispute case (`@CreatedAt('disputes/:id')`), a letter issued under a case, a report read by month.
 */
export const CreatedAt = (path: CreatedRecordPath) => SetMetadata(CREATED_AT_METADATA, path);

/** Fills a `@CreatedAt` template; undefined when a placeholder has no value. */
export function fillCreatedPath(template: string, answer: Record<string, unknown>, params: Record<string, string>): string | undefined {
  let missing = false;
  const path = template.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = answer[name] ?? params[name];
    if (typeof value === 'string' ? value === '' : typeof value !== 'number') {
      missing = true;
      return '';
    }
    return encodeURIComponent(String(value));
  });
  return missing ? undefined : path;
}

/** The route's own path as declared (controller and method), without the global prefix: `/complaints/:id/conversion`. */
function declaredPath(reflector: Reflector, context: ExecutionContext): string {
  const parts = [reflector.get<string | string[]>(PATH_METADATA, context.getClass()), reflector.get<string | string[]>(PATH_METADATA, context.getHandler())]
    .map((p) => (Array.isArray(p) ? p[0] : p) ?? '')
    .join('/');
  return `/${parts}`.replace(/\/+/g, '/').replace(/\/$/, '');
}

/**
 * Headers every record answer carries, set in one place:
 * - `ETag: "<version>"` when the body is one record with its `version` (the value If-Match sends
 *   back); lists and other answers carry none (Express's own content-hash ETags are turned off in
 *   configureApi, so an ETag is always a record's version);
 * - `Location` on a 201, the created record's address: the route's `@CreatedAt` path under the API
 *   root when it names one, else the collection the POST went to and the new `id`; unless the route
 *   set one itself.
 */
@Injectable()
export class RecordHeadersInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const createdAt = this.reflector.get<CreatedRecordPath | undefined>(CREATED_AT_METADATA, context.getHandler());
    return next.handle().pipe(
      map((body: unknown) => {
        if (res.headersSent || body === null || typeof body !== 'object' || Array.isArray(body)) return body;
        const record = body as { id?: unknown; version?: unknown; items?: unknown };
        if (typeof record.version === 'number' && Number.isInteger(record.version) && !('items' in record) && !res.getHeader('ETag')) {
          res.setHeader('ETag', `"${record.version}"`);
        }
        if (res.statusCode === 201 && !res.getHeader('Location')) {
          const location = createdAt ? this.declaredLocation(createdAt, context, req, body as Record<string, unknown>) : this.collectionLocation(req, record.id);
          if (location) res.setHeader('Location', location);
        }
        return body;
      }),
    );
  }

  private collectionLocation(req: Request, id: unknown): string | undefined {
    if (typeof id !== 'string') return undefined;
    const collection = (req.originalUrl ?? req.url).split('?')[0].replace(/\/+$/, '');
    return `${collection}/${encodeURIComponent(id)}`;
  }

  /** `@CreatedAt`'s path under the API root: the matched route's full path less the route's own declared path. */
  private declaredLocation(createdAt: CreatedRecordPath, context: ExecutionContext, req: Request, answer: Record<string, unknown>): string | undefined {
    const params = (req.params ?? {}) as Record<string, string>;
    const path = typeof createdAt === 'function' ? createdAt(answer, params) : fillCreatedPath(createdAt, answer, params);
    if (path === undefined) return undefined;
    const matched = String((req.route as { path?: unknown } | undefined)?.path ?? '').replace(/\/+$/, '');
    const own = declaredPath(this.reflector, context);
    if (!matched.endsWith(own)) return undefined;
    return `${matched.slice(0, matched.length - own.length)}/${path.replace(/^\/+/, '')}`;
  }
}
