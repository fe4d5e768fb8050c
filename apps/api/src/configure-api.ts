import { RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { requestLimits, UNAUTHENTICATED_BODY_LIMIT_BYTES } from '@lc/accounts';
import { AppConfig } from '@lc/config';
import { defaultWebRoot, serveWebApp } from './web-app';
import {
  answerClientErrors,
  chinaTimeReplacer,
  noStoreForApi,
  problemDetailsErrorHandler,
  refuseDeepJson,
  refuseUnstorableText,
  REQUEST_ID_HEADER,
  requestIdMiddleware,
  requireJsonBody,
  withRequestLimitResponses,
} from '@lc/http';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT = '1mb';

/**
 * Everything around the routes: shared by main.ts and by tests that build the app in-process.
 * The app must be created with `bodyParser: false`; the JSON parser is registered here, with a limit.
 */
/**
 * Helmet's defaults, made explicit and a little stricter: scripts only from our own files (the web
 * application has no inline script; Vite emits modules), the service worker and the PWA manifest
 * from our origin. Styles allow inline <style> because Ant Design writes its CSS at run time
 * (CSS-in-JS); style cannot run code. No upgrade-insecure-requests: behind TLS the proxy sets
 * HSTS, and on http://localhost it would send the page's requests to an https port nobody serves.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  upgradeInsecureRequests: null,
};

export interface ConfigureApiOptions {
  /** The built web application to serve at /; by default dist/web when it was built. */
  webRoot?: string | false;
}

export function configureApi(app: NestExpressApplication, config: AppConfig, options: ConfigureApiOptions = {}): void {
  // The client's address (req.ip) for the limits and the logs: behind a proxy, only as far as TRUST_PROXY trusts it.
  app.set('trust proxy', config.TRUST_PROXY);
  // First, so that every answer (even a refused body) carries the request id.
  app.use(requestIdMiddleware());
  app.use(helmet({ contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY } }));
  app.use(noStoreForApi(API_PREFIX));
  // Before the body parser: pages and assets are plain GETs, and a failed file read still reaches
  // the problem-details handler below.
  const webRoot = options.webRoot ?? defaultWebRoot();
  if (webRoot) serveWebApp(app, webRoot);
  const origins = config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  if (origins.length > 0) {
    app.enableCors({ origin: origins, exposedHeaders: [REQUEST_ID_HEADER, 'ETag', 'Location', 'Retry-After'] });
  }
  // Rate limits, and the small body of a request without a token, before the general parser reads anything.
  app.use(requestLimits(app));
  // Instants in answers carry the China offset (+08:00); dates stay dates.
  app.set('json replacer', chinaTimeReplacer);
  // An ETag is always a record's version (RecordHeadersInterceptor), never Express's hash of a body.
  app.set('etag', false);
  // Any other body than JSON is a 415 (uploads take multipart on their own routes).
  app.use(
    requireJsonBody({
      multipartPaths: [new RegExp(`^/${API_PREFIX}/imports/?$`), new RegExp(`^/${API_PREFIX}/(disputes|mediations|alerts)/[^/]+/evidence/?$`)],
    }),
  );
  // JSON only: the API takes no forms. The depth is checked on the raw bytes before JSON.parse, so
  // nothing downstream (validation, the Idempotency-Key hash) walks a hostile nesting. Nest's
  // typing leaves `verify` out (it uses it for rawBody, which this app does not ask for).
  app.useBodyParser('json', {
    limit: BODY_LIMIT,
    type: ['application/json', 'application/*+json'],
    verify: refuseDeepJson(),
  } as { limit: string });
  // One place for every route: NUL and lone surrogates in the path, query or body are a 400.
  app.use(refuseUnstorableText());
  app.use(problemDetailsErrorHandler());
  // What Node's parser refuses before Express (raw UTF-8 in a query string): problem+json too.
  answerClientErrors(app.getHttpServer());

  useApiPrefix(app);

  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
}

/** Routes under /api/v1; probes and the docs stay at stable paths when the API version changes. */
export function useApiPrefix(app: NestExpressApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.ALL },
      { path: 'health/ready', method: RequestMethod.ALL },
      { path: 'docs', method: RequestMethod.ALL },
    ],
  });
}

/** The API's OpenAPI document, as served at /docs/openapi.json and as the web client is generated from. */
export function openApiDocument(app: NestExpressApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('labour-cases')
      .setDescription('Labour-dispute case management for a district federation of trade unions')
      .setVersion('v1')
      .addBearerAuth()
      .build(),
  );
  // The answers of the middleware configureApi puts in front of every route (rate limits, body limits, JSON only).
  return withRequestLimitResponses(document, { bodyLimit: BODY_LIMIT, bodyLimitWithoutToken: UNAUTHENTICATED_BODY_LIMIT_BYTES });
}
