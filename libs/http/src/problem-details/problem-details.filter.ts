import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type {} from 'pino-http';
import { loggableUrl } from '../logging/logging';
import { PROBLEM_CONTENT_TYPE, toProblem } from './to-problem';

const logger = new Logger('ProblemDetails');

function answer(error: unknown, req: Request, res: Response): void {
  const requestId = req.id === undefined || req.id === null ? undefined : String(req.id);
  const { problem, internal, retryAfterSeconds } = toProblem(error, { instance: req.originalUrl ?? req.url, requestId });
  if (problem.status === 503) {
    // An outage, not a bug: one line, without the stack, so that a restart does not flood the log.
    const reason = (error as { reason?: unknown })?.reason ?? (error as Error)?.message;
    logger.warn({ requestId, reason }, `Unavailable on ${req.method} ${loggableUrl(req.originalUrl ?? req.url)}`);
  }
  if (internal) {
    // pino style (object, then message): nestjs-pino keeps `err` as a serialised error with its stack.
    logger.error({ err: error, requestId }, `Unhandled error on ${req.method} ${loggableUrl(req.originalUrl ?? req.url)}`);
  }
  if (res.headersSent) return; // a streamed answer broke off; the log is all we can do
  if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).json(problem);
}

/** The one exception filter of the API: every error leaves as application/problem+json (RFC 9457). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    answer(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }
}

/**
 * Express error middleware for failures before Nest routing (malformed JSON, body too large),
 * which Nest's filters never see. Register it right after the body parser.
 */
export function problemDetailsErrorHandler() {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(error);
    answer(error, req, res);
  };
}
