import type { NextFunction, Request, Response } from 'express';

/**
 * Answers of the API carry personal data (names, ID numbers, phones, case details): no browser,
 * proxy or CDN may keep a copy. The probes and the API docs hold none and stay cacheable.
 */
export function noStoreForApi(prefix: string) {
  const api = `/${prefix.replace(/^\/|\/$/g, '')}/`;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith(api)) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
