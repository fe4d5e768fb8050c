import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppConfig } from '@lc/config';
import { ApiModule } from './api.module';
import { openApiDocument, useApiPrefix } from './configure-api';

/**
 * The OpenAPI document without a database, Redis or a listening port: Nest's preview mode builds
 * the module graph and the routes' metadata but instantiates no provider, so nothing connects.
 * The web application's typed client is generated from this (npm run web:api).
 */
export async function buildOpenApiDocument(config: AppConfig): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    preview: true,
    abortOnError: false,
    logger: false,
    bodyParser: false,
  });
  // Only the prefix: the middleware (rate limits, body parser...) is for requests, and needs providers.
  useApiPrefix(app);
  const document = openApiDocument(app);
  await app.close();
  return document;
}
