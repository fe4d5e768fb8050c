import type { NextFunction, Request, Response } from 'express';

/** A body in another format than JSON: 415, as problem+json with code unsupported_media_type. */
export class UnsupportedMediaTypeError extends Error {
  readonly code = 'unsupported_media_type';
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedMediaTypeError';
  }
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * The API takes JSON bodies only (and multipart uploads where a route takes a file): any other body
 * on a POST, PUT or PATCH is a 415 before it reaches a route, rather than an empty body that
 * validation would blame field by field. A request without a body is left to the route.
 */
export function requireJsonBody(options: { multipartPaths: RegExp[] }) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!['POST', 'PUT', 'PATCH'].includes(req.method)) return next();
    const length = Number(req.headers['content-length'] ?? 0);
    const hasBody = req.headers['transfer-encoding'] !== undefined || length > 0;
    if (!hasBody || req.is(JSON_TYPES)) return next();
    if (req.is('multipart/form-data') && options.multipartPaths.some((p) => p.test(req.path))) return next();
    const sent = req.headers['content-type'] ?? 'no Content-Type';
    next(new UnsupportedMediaTypeError(`The body must be JSON (Content-Type: application/json), not ${sent}`));
  };
}
