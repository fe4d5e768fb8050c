import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';

/**
 * Headers every record answer carries, set in one place:
 * - `ETag: "<version>"` when the body is one record with its `version` (the value If-Match sends
 *   back); lists and other answers carry none (Express's own content-hash ETags are turned off in
 *   configureApi, so an ETag is always a record's version);
 * - `Location` on a 201, the created record's address: the collection the POST went to and the
 *   new `id`, unless the route set one itself.
 */
@Injectable()
export class RecordHeadersInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (res.headersSent || body === null || typeof body !== 'object' || Array.isArray(body)) return body;
        const record = body as { id?: unknown; version?: unknown; items?: unknown };
        if (typeof record.version === 'number' && Number.isInteger(record.version) && !('items' in record) && !res.getHeader('ETag')) {
          res.setHeader('ETag', `"${record.version}"`);
        }
        if (res.statusCode === 201 && typeof record.id === 'string' && !res.getHeader('Location')) {
          const collection = (req.originalUrl ?? req.url).split('?')[0].replace(/\/+$/, '');
          res.setHeader('Location', `${collection}/${encodeURIComponent(record.id)}`);
        }
        return body;
      }),
    );
  }
}
