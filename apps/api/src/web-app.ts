import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { static as serveStatic } from 'express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the API keeps for itself: never answered with the web application's index.html. */
const API_PATHS = /^\/(api|docs|health)(\/|$)/;
/** Vite puts every hashed file here: its name changes with its content, so browsers may keep it for good. */
const HASHED_ASSETS = /^\/assets\//;

/**
 * Where `npm run build` puts the web application (dist/web), found from this file whether it runs
 * built (dist/apps/api/...) or from source under ts-jest: the first folder up with a package.json.
 */
export function defaultWebRoot(from = __dirname): string | undefined {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const root = join(dir, 'dist', 'web');
      return existsSync(join(root, 'index.html')) ? root : undefined;
    }
  }
  return undefined;
}

/**
 * Serves the built web application at `/`: its files as they are (hashed assets cached for a
 * year, everything else revalidated each time, so a new release is seen at once), and index.html
 * for the client's own routes (/login, /informant, ...). /api, /docs and /health stay the API's:
 * an unknown API path still answers 404 problem+json, never the page.
 */
export function serveWebApp(app: NestExpressApplication, root: string): void {
  const files = serveStatic(root, {
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders(res: Response, path: string) {
      const relative = path.slice(root.length).replaceAll('\\', '/');
      res.setHeader('Cache-Control', HASHED_ASSETS.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache');
      // The service worker may control the whole origin, not only the folder it is served from.
      if (relative === '/sw.js') res.setHeader('Service-Worker-Allowed', '/');
    },
  });
  // An API request never looks for a file: without this, every one of them cost a stat() of the
  // disk and serve-static's work (about 0.05 ms of CPU each in a profile).
  app.use((req: Request, res: Response, next: NextFunction) => (API_PATHS.test(req.path) ? next() : files(req, res, next)));
  const index = join(root, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const clientRoute =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !API_PATHS.test(req.path) &&
      !HASHED_ASSETS.test(req.path) &&
      // A path with a file extension is a missing file, not a page.
      !/\.[a-z0-9]+$/i.test(req.path) &&
      (req.accepts(['html', 'json']) === 'html');
    if (!clientRoute) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (error) => error && next(error));
  });
}
