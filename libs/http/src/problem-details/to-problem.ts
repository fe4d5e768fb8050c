import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { FieldError } from './errors';
import { codeForStatus, PROBLEM_TYPES, problemTypeUri } from './problem-types';
import { isUnavailable, RETRY_AFTER_SECONDS } from './unavailable';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An RFC 9457 problem details object, with the extensions this API uses. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** The error code of a domain error, stable for clients to branch on. */
  code?: string;
  /** For validation failures: every bad field. */
  errors?: FieldError[];
  /** For duplicates (409 `duplicate`): the record that exists already, e.g. `{ kind: 'complaint', id }`. */
  existing?: { kind: string; id: string; [detail: string]: unknown };
  /** The X-Request-Id of the request, to find it in the logs. */
  requestId?: string;
}

export interface ProblemContext {
  instance?: string;
  requestId?: string;
}

function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  // Other libraries use `code` too (pg's SQLSTATE '23505', Node's 'ECONNREFUSED'); only ours count.
  return typeof code === 'string' && Object.hasOwn(PROBLEM_TYPES, code) ? code : undefined;
}

function httpExceptionDetail(exception: HttpException): string | undefined {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return exception.message;
}

/**
 * Errors from Express middleware (body-parser, http-errors) carry `status` and `expose`; `expose`
 * is their own verdict that the message is safe to show.
 */
function exposedClientError(error: unknown): { status: number; message: string } | undefined {
  const candidate = error as { status?: unknown; statusCode?: unknown; expose?: unknown; message?: unknown } | null;
  const status = candidate?.status ?? candidate?.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499 || candidate?.expose !== true) return undefined;
  return { status, message: String(candidate.message ?? '') };
}

export interface Problem {
  problem: ProblemDetails;
  /** Unexpected: the message stays out of the answer and the caller logs the error. */
  internal: boolean;
  /** For 429 and 503: when the client may try again (the Retry-After header). */
  retryAfterSeconds?: number;
}

function retryAfterOf(error: unknown, status: number): number | undefined {
  const given = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  if (typeof given === 'number' && Number.isFinite(given) && given > 0) return Math.ceil(given);
  return status === 503 ? RETRY_AFTER_SECONDS : undefined;
}

/** body-parser's error types (error.type) → this API's codes. */
const BODY_PARSER_CODES: Record<string, string> = {
  'entity.parse.failed': 'malformed_json',
  'entity.too.large': 'payload_too_large',
  'encoding.unsupported': 'unsupported_media_type',
  'charset.unsupported': 'unsupported_media_type',
  'request.aborted': 'bad_request',
  'request.size.invalid': 'bad_request',
};

/**
 * Maps anything thrown while handling a request to problem details. `internal` tells that the
 * error is unexpected: its message stays out of the answer (it may hold SQL or paths) and the
 * caller should log it.
 */
export function toProblem(error: unknown, context: ProblemContext = {}): Problem {
  const base = { instance: context.instance, requestId: context.requestId };
  const code = codeOf(error);
  if (code) {
    const { status, title, detail } = PROBLEM_TYPES[code];
    const fieldErrors = (error as { errors?: unknown }).errors;
    const existing = (error as { existing?: unknown }).existing;
    return {
      internal: false,
      retryAfterSeconds: retryAfterOf(error, status),
      problem: {
        type: problemTypeUri(code),
        title,
        status,
        detail: detail ?? ((error as Error).message || undefined),
        ...base,
        code,
        ...(Array.isArray(fieldErrors) ? { errors: fieldErrors as FieldError[] } : {}),
        ...(existing && typeof existing === 'object' ? { existing: existing as ProblemDetails['existing'] } : {}),
      },
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return {
      internal: status >= 500,
      retryAfterSeconds: retryAfterOf(error, status),
      problem: { type: 'about:blank', title: statusTitle(status), status, detail: httpExceptionDetail(error), ...base, code: codeForStatus(status) },
    };
  }
  const exposed = exposedClientError(error);
  if (exposed) {
    // body-parser names what went wrong with the body; malformed JSON gets its own code like every other error.
    const code = BODY_PARSER_CODES[(error as { type?: string }).type ?? ''] ?? codeForStatus(exposed.status);
    const known = PROBLEM_TYPES[code];
    return {
      internal: false,
      problem: {
        type: known ? problemTypeUri(code) : 'about:blank',
        title: known?.title ?? statusTitle(exposed.status),
        status: exposed.status,
        detail: exposed.message,
        ...base,
        code,
      },
    };
  }
  if (isUnavailable(error)) {
    const { status, title } = PROBLEM_TYPES.service_unavailable;
    return {
      internal: false,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      problem: {
        type: problemTypeUri('service_unavailable'),
        title,
        status,
        detail: 'A service the application depends on is not reachable right now. Try again shortly.',
        ...base,
        code: 'service_unavailable',
      },
    };
  }
  return {
    internal: true,
    problem: {
      type: 'about:blank',
      title: statusTitle(500),
      status: 500,
      detail: 'An unexpected error occurred. Quote the request id when reporting it.',
      ...base,
      code: 'internal_error',
    },
  };
}
