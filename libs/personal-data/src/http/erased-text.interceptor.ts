import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import type { Request } from 'express';
import { map, Observable } from 'rxjs';
import { ERASED, ERASED_TEXT } from '@lc/reference-data';

/**
 * Erased personal data reads 已删除 (ERASED) in records, lists and timelines; a client that prefers
 * English (Accept-Language: en, over zh) gets "erased" instead. Only that exact value is replaced,
 * in JSON answers; no real name, ID number or phone is ever 已删除.
 */
@Injectable()
export class ErasedTextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (!prefersEnglish(request.headers['accept-language'])) return next.handle();
    return next.handle().pipe(map((body) => replaceErased(body)));
  }
}

/** Whether English has a higher q than Chinese (zh wins ties and absence: the users' language). */
export function prefersEnglish(header: string | undefined): boolean {
  if (!header) return false;
  const q = { zh: 0, en: 0 };
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.trim().split('-')[0];
    if (primary !== 'zh' && primary !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(value)) q[primary] = Math.max(q[primary], value);
  }
  return q.en > q.zh;
}

function replaceErased(value: unknown): unknown {
  if (value === ERASED) return ERASED_TEXT.en;
  // A download (DOCX, XLSX) is sent as it is: made a plain object, it would go out as JSON.
  if (value instanceof StreamableFile) return value;
  if (Array.isArray(value)) return value.map(replaceErased);
  // Plain objects only (not Dates, Buffers, streams); by tag, since event data may come from another realm (structuredClone).
  if (value !== null && typeof value === 'object' && Object.prototype.toString.call(value) === '[object Object]' && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceErased(v)]));
  }
  return value;
}
