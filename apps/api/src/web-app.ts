import { existsSync, readdirSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { static as serveStatic } from 'express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the API keeps for itself: never answered with the web application's index.html. */
const API_PATHS = /^\/(api|docs|health)(\/|$)/;
/** Vite puts every hashed file here: its name changes with its content, so browsers may keep it for good. */
const HASHED_ASSETS = /^\/assets\//;
/** The compressed copies the build writes beside a file (scripts/web-compress.js), best first. */
const ENCODINGS = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number];

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
  /** A file's headers, whichever representation of it is sent. */
  const setHeaders = (res: Response, path: string) => {
    res.setHeader('Cache-Control', HASHED_ASSETS.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    // The service worker may control the whole origin, not only the folder it is served from.
    if (path === '/sw.js') res.setHeader('Service-Worker-Allowed', '/');
  };
  const files = serveStatic(root, {
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders: (res: Response, path: string) => setHeaders(res, path.slice(root.length).replaceAll('\\', '/')),
  });
  const compressed = compressedCopies(root);
  // A file with compressed copies goes as the best one the browser accepts (Content-Encoding), the
  // copy written once at build time; the same file as built to a browser that accepts none (ADR 0022).
  const precompressed = (req: Request, res: Response, next: NextFunction) => {
    const encodings = compressed.get(req.path);
    if (!encodings || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    // Caches between here and the browser keep one answer per Accept-Encoding.
    res.vary('Accept-Encoding');
    // The best copy the browser accepts at all, as nginx's brotli_static and gzip_static choose:
    // browsers list gzip first and br later at the same weight ("gzip, deflate, br, zstd").
    const copy = encodings.find((e) => req.acceptsEncodings(e.encoding) === e.encoding);
    if (!copy) return next();
    setHeaders(res, req.path);
    res.setHeader('Content-Encoding', copy.encoding);
    // The file's own type (by its extension, as serve-static finds it), which `send` keeps.
    res.type(extname(req.path));
    res.sendFile(join(root, req.path + copy.suffix), { dotfiles: 'deny', lastModified: true }, (error) => error && next(error));
  };
  // An API request never looks for a file: without this, every one of them cost a stat() of the
  // disk and serve-static's work (about 0.05 ms of CPU each in a profile).
  const notForApi = (handler: (req: Request, res: Response, next: NextFunction) => void) => (req: Request, res: Response, next: NextFunction) =>
    API_PATHS.test(req.path) ? next() : handler(req, res, next);
  app.use(notForApi(precompressed));
  app.use(notForApi(files));
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

/**
 * The files under `root` that have compressed copies, by URL path (`/assets/index-….js`), with the
 * copies there are, best first. Read once: the built application does not change under a running
 * process.
 */
function compressedCopies(root: string): Map<string, Encoding[]> {
  const paths = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (!entry.isDirectory()) paths.add(`/${relative(root, full).replaceAll('\\', '/')}`);
      else if (!entry.name.startsWith('.')) walk(full);
    }
  };
  walk(root);
  const copies = new Map<string, Encoding[]>();
  for (const path of paths) {
    const available = ENCODINGS.filter((e) => paths.has(path + e.suffix));
    if (available.length) copies.set(path, available);
  }
  return copies;
}
