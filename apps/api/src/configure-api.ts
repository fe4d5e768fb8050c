import { RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { requestLimits } from '@lc/accounts';
import { AppConfig } from '@lc/config';
import { noStoreForApi, problemDetailsErrorHandler, refuseDeepJson, refuseUnstorableText, REQUEST_ID_HEADER, requestIdMiddleware } from '@lc/http';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT = '1mb';

/**
 * Everything around the routes: shared by main.ts and by tests that build the app in-process.
 * The app must be created with `bodyParser: false`; the JSON parser is registered here, with a limit.
 */
export function configureApi(app: NestExpressApplication, config: AppConfig): void {
  // The client's address (req.ip) for the limits and the logs: behind a proxy, only as far as TRUST_PROXY trusts it.
  app.set('trust proxy', config.TRUST_PROXY);
  // First, so that every answer (even a refused body) carries the request id.
  app.use(requestIdMiddleware());
  app.use(helmet());
  app.use(noStoreForApi(API_PREFIX));
  const origins = config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  if (origins.length > 0) {
    app.enableCors({ origin: origins, exposedHeaders: [REQUEST_ID_HEADER, 'ETag', 'Location', 'Retry-After'] });
  }
  // Rate limits, and the small body of a request without a token, before the general parser reads anything.
  app.use(requestLimits(app));
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

  // Probes and the docs stay at stable paths when the API version changes.
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.ALL },
      { path: 'docs', method: RequestMethod.ALL },
    ],
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('labour-cases')
      .setDescription('Labour-dispute case management for a district federation of trade unions')
      .setVersion('v1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
