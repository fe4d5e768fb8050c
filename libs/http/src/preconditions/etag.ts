import type { Response } from 'express';

/**
 * Answers with the record's version as its ETag, the value a later If-Match sends back. Only for
 * the answers RecordHeadersInterceptor leaves alone because they carry `items` (one record's list
 * of files, with the record's version); every other record answer gets its ETag there.
 */
export function withETag<T extends { version: number }>(res: Response, body: T): T {
  res.setHeader('ETag', `"${body.version}"`);
  return body;
}
