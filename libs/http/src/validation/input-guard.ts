import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { FieldError, unstorableTextProblem, ValidationFailedError } from '@lc/decider';

/**
 * How deep a JSON body may nest. The deepest request schema nests three levels
 * (claimants.0.name); 32 leaves room for any future one and keeps hostile bodies (thousands of
 * levels) from reaching code that walks them.
 */
export const MAX_JSON_DEPTH = 32;
/** Enough bad fields to fix a form at once; a hostile body must not make a megabyte of errors. */
const MAX_REPORTED = 20;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The nesting depth of a JSON text, from its bytes, without parsing it (one pass, no recursion):
 * brackets inside strings do not count. Stops counting once past `limit`.
 */
export function jsonDepth(bytes: Uint8Array, limit = Number.MAX_SAFE_INTEGER): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
  return deepest;
}

/**
 * The JSON body parser's `verify` hook: refuses a body nested deeper than MAX_JSON_DEPTH before
 * it is parsed (400 naming `body`). For every route, and for the small unauthenticated parser too.
 */
export function refuseDeepJson(maxDepth = MAX_JSON_DEPTH) {
  return (_req: IncomingMessage, _res: ServerResponse, body: Buffer): void => {
    if (jsonDepth(body, maxDepth) > maxDepth) {
      throw new ValidationFailedError([{ field: 'body', message: `must not nest objects and arrays more than ${maxDepth} levels deep` }]);
    }
  };
}

/** A key as a field name: dotted paths stay readable, unprintable characters show as escapes. */
function fieldName(key: string): string {
  return unstorableTextProblem(key) || /[\u0000-\u001f]/.test(key) ? JSON.stringify(key).slice(1, -1) : key;
}

/**
 * Every string (and every key) of a parsed value that the stores could not keep, with its dotted
 * path. Walks with an explicit stack, so no input depth can exhaust the call stack.
 */
export function unstorableFields(value: unknown, prefix = ''): FieldError[] {
  const found: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: prefix }];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = unstorableTextProblem(current);
      if (problem) found.push({ field: path || 'body', message: problem });
    } else if (current !== null && typeof current === 'object') {
      const entries = Array.isArray(current) ? current.map((v, i) => [String(i), v] as const) : Object.entries(current);
      // Pushed in reverse, so that fields are reported in the order they were sent.
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        const childPath = path ? `${path}.${fieldName(key)}` : fieldName(key);
        const keyProblem = unstorableTextProblem(key);
        if (keyProblem) found.push({ field: childPath, message: `(a field name) ${keyProblem}` });
        else stack.push({ value: child, path: childPath });
      }
    }
  }
  return found.slice(0, MAX_REPORTED);
}

/**
 * Refuses, for every route in one place, text that the stores cannot keep: a NUL character or a
 * lone surrogate anywhere in the path, the query string or the JSON body answers 400 naming the
 * field, before any handler, interceptor (Idempotency-Key) or number allocation sees it. Register
 * it after the JSON body parser. (Uploads are checked by the import's own row checks.)
 */
export function refuseUnstorableText() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const errors: FieldError[] = [];
    for (const segment of req.path.split('/')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        decoded = '';
        errors.push({ field: 'path', message: 'is not valid percent-encoded UTF-8' });
      }
      const problem = unstorableTextProblem(decoded);
      if (problem) errors.push({ field: 'path', message: problem });
    }
    errors.push(...unstorableFields(req.query, ''));
    if (req.body !== undefined && typeof req.body === 'object') errors.push(...unstorableFields(req.body, ''));
    if (errors.length > 0) return next(new ValidationFailedError(errors.slice(0, MAX_REPORTED)));
    next();
  };
}
