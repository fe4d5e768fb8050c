import type { IncomingMessage } from 'node:http';
import { AppConfig } from '@lc/config';
import type { Params } from 'nestjs-pino';
import pino from 'pino';
import { requestIdFor } from './request-id';

/** Every process logs one JSON object per line, with the same field names, so logs can be joined. */
export function pinoOptions(config: AppConfig, name: string): pino.LoggerOptions {
  return {
    name,
    level: config.LOG_LEVEL,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
  };
}

/** nestjs-pino for an HTTP app: one log line per request, and the request id on every line logged during it. */
export function httpLoggerParams(config: AppConfig, name: string): Params {
  return {
    pinoHttp: {
      ...pinoOptions(config, name),
      genReqId: requestIdFor,
      customAttributeKeys: { reqId: 'requestId' },
      // Lines logged while handling a request carry its id, not the whole request again.
      quietReqLogger: true,
      // Enough to find and follow a request; headers (bearer tokens, cookies) stay out of the logs.
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string; headers?: Record<string, unknown> }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
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
