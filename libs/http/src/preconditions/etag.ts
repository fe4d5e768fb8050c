import type { Response } from 'express';

/** Answers with the record's version as its ETag, the value a later If-Match sends back. */
export function withETag<T extends { version: number }>(res: Response, body: T): T {
  res.setHeader('ETag', `"${body.version}"`);
  return body;
}
