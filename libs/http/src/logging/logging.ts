import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { AppConfig } from '@lc/config';
import type { Params } from 'nestjs-pino';
import pino from 'pino';
import { requestIdFor } from './request-id';

/** Query parameters whose values say nothing about anyone: kept in logged URLs. Every other value is replaced. */
const HARMLESS_QUERY_PARAMETERS = new Set([
  'page', 'pageSize', 'sort', 'year', 'month', 'period', 'from', 'to', 'dryRun', 'role', 'status', 'grade', 'kind',
  'subDistrict', 'active', 'format', 'lang',
]);

/**
 * A URL as it may be logged: the path, and the query with the values of any parameter not known
 * to be harmless replaced, so that neither tokens (`?token=`) nor personal data (`?q=张三`,
 * `?idNumber=`) reach the logs.
 */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = new URLSearchParams(url.slice(at + 1));
  const kept = [...query.entries()].map(([key, value]) =>
    HARMLESS_QUERY_PARAMETERS.has(key) ? `${encodeURIComponent(key)}=${encodeURIComponent(value)}` : `${encodeURIComponent(key)}=[redacted]`,
  );
  return `${url.slice(0, at)}?${kept.join('&')}`;
}

/** Error properties that carry the data a statement worked on (pg's `detail`, TypeORM's `parameters`): never logged. */
const DATA_BEARING_ERROR_FIELDS = ['parameters', 'detail', 'where', 'data', 'body', 'requestBody'];

/**
 * Errors as logged: message, type, stack and codes, but not the values they were about. A failed
 * insert's `parameters` would otherwise put an event's data (names, ID numbers, phones) in the logs.
 */
export function loggableError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const field of DATA_BEARING_ERROR_FIELDS) delete serialized[field];
  const driver = serialized.driverError;
  if (driver && typeof driver === 'object') {
    const { message, code, name } = driver as Record<string, unknown>;
    serialized.driverError = { name, code, message };
  }
  return serialized;
}

/** Every process logs one JSON object per line, with the same field names, so logs can be joined. */
export function pinoOptions(config: AppConfig, name: string): pino.LoggerOptions {
  return {
    name,
    level: config.LOG_LEVEL,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: loggableError },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
  };
}

/** nestjs-pino for an HTTP app: one log line per request, and the request id on every line logged during it. */
export function httpLoggerParams(config: AppConfig, name: string): Params {
  return {
    // Every route, in Express 5's path syntax: nestjs-pino's default '*' is the legacy form, which
    // Nest converts to this at every start with a warning.
    forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
    pinoHttp: {
      ...pinoOptions(config, name),
      genReqId: requestIdFor,
      customAttributeKeys: { reqId: 'requestId' },
      // Lines logged while handling a request carry its id, not the whole request again.
      quietReqLogger: true,
      // Enough to find and follow a request; headers (bearer tokens, cookies) stay out of the logs.
      serializers: {
        err: loggableError,
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string; headers?: Record<string, unknown> }) => ({
          id: req.id,
          method: req.method,
          url: loggableUrl(req.url),
          remoteAddress: req.remoteAddress,
          userAgent: req.headers?.['user-agent'],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // Probes hit /health every few seconds; their lines would drown the rest.
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    },
  };
}

/** nestjs-pino for a process without HTTP (the worker). */
export function processLoggerParams(config: AppConfig, name: string): Params {
  return { pinoHttp: pinoOptions(config, name) };
}
