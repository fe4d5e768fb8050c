import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { PROBLEM_TYPES } from '../problem-details/problem-types';

/** What a response body looks like to a client: `io: 'output'` (after transforms), OpenAPI 3.0. */
export function toOpenApiResponseSchema(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output', unrepresentable: 'any' }) as SchemaObject;
}

/** An instant as the API writes it: ISO 8601 with the China offset, 2026-12-01T09:15:00.000+08:00. */
export const instantSchema = z.string().meta({ format: 'date-time', example: '2026-12-01T09:15:00.000+08:00' });
/** A calendar date (China Standard Time), 2026-12-01. */
export const dateSchema = z.string().meta({ format: 'date', example: '2026-12-01' });

/** How current a read answer is: every route that answers from read models carries it in its body. */
export const freshnessSchema = z
  .object({
    asOf: instantSchema.nullable().meta({ description: 'the time of the last event applied to the read models the answer comes from' }),
    upToDate: z.boolean().meta({ description: 'whether they have applied every event of the log' }),
    behindEvents: z.number().int().meta({ description: 'events still to apply (counted up to 1000 per read model)' }),
  })
  .meta({ title: 'Freshness' });

/** What a command answers: the record and its new version (also in the ETag). */
export const writtenSchema = z
  .object({ id: z.uuid(), version: z.number().int().meta({ description: 'the record’s version after the change: send it as If-Match' }) })
  .meta({ title: 'Written' });

/** One event of a record's history, with who did it (libs/audit-trail TimelineItem). */
export const timelineItemSchema = z
  .object({
    version: z.number().int(),
    type: z.string().meta({ example: 'DisputeOpened' }),
    data: z.record(z.string(), z.unknown()).meta({ description: 'the event’s data, personal data masked' }),
    actorId: z.string().nullable(),
    actorRole: z.string().nullable(),
    actor: z.object({ id: z.string().nullable(), role: z.string().nullable(), displayName: z.string().nullable(), username: z.string().nullable() }),
    recordedAt: instantSchema,
  })
  .meta({ title: 'TimelineItem' });

/** One page of a list: `items` and the paging, as every list route answers. */
export function pageSchemaOf<Item extends z.ZodType>(item: Item, title: string) {
  return z
    .object({
      items: z.array(item),
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int().meta({ description: 'every match of the filter, not just this page' }),
    })
    .meta({ title });
}

/** RFC 9457 problem details as every error of this API leaves (application/problem+json). */
export const problemDetailsSchema = z
  .object({
    type: z.string().meta({ example: 'urn:labour-cases:problem:validation-failed' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().optional().meta({ description: 'stable error code to branch on', example: 'validation_failed' }),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional().meta({ description: 'every bad field' }),
    requestId: z.string().optional(),
  })
  .meta({ title: 'ProblemDetails' });

/** The record a 409 `duplicate` names (DuplicateRecordError's `existing`), so that the client can open it instead. */
export const existingRecordSchema = z
  .object({
    kind: z.enum(['complaint', 'mediation', 'dispute']).meta({ description: 'what the record is: its address is /api/v1/{kind}s/{id}' }),
    id: z.uuid(),
    caseNo: z.string().optional().meta({ description: 'an open case with a claimant in common: its case number' }),
    matchedBy: z
      .array(z.enum(['idNumber', 'phone']))
      .optional()
      .meta({ description: 'an open case with a claimant in common: how the claimants match' }),
    all: z
      .array(z.object({ id: z.uuid(), caseNo: z.string() }))
      .optional()
      .meta({ description: 'an open case with a claimant in common: every such case, the one named first' }),
  })
  .meta({ title: 'ExistingRecord' });

/** A 409 of a route that creates a record: `duplicate` names the record there is (`existing`); other conflicts have none. */
export const duplicateProblemSchema = problemDetailsSchema
  .extend({ existing: existingRecordSchema.optional().meta({ description: 'with code `duplicate`: the record that exists already' }) })
  .meta({ title: 'DuplicateProblem' });

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is invalid: problem+json naming every bad field (`errors`)',
  401: 'No valid access token',
  403: "The caller's role may not do this",
  404: "No such record in the caller's scope",
  409: 'Conflict with the current state (or with a concurrent change)',
  412: 'If-Match names another version than the current one',
  415: 'The body is not JSON',
  422: 'Cannot be done in the record’s current state',
  429: 'Too many requests: wait for Retry-After seconds',
};

/** The schema with `freshness` added, as FreshnessInterceptor adds it to the body (a union: to each of its shapes). */
function withFreshness(schema: z.ZodType): z.ZodType {
  const meta = schema.meta() ?? {};
  if (schema instanceof z.ZodObject) return schema.extend({ freshness: freshnessSchema }).meta(meta);
  if (schema instanceof z.ZodUnion) return z.union((schema.options as z.ZodType[]).map(withFreshness)).meta(meta);
  throw new Error('ZodResponse: fresh needs an object schema (or a union of them)');
}

/** Documents a successful answer with its zod schema. */
export function ZodResponse(
  status: number,
  schema: z.ZodType,
  description: string,
  options: { etag?: boolean; location?: boolean; /** answered from read models (@ReadsModels): the body carries `freshness` */ fresh?: boolean } = {},
) {
  if (options.fresh) schema = withFreshness(schema);
  const headers: Record<string, { description: string; schema: SchemaObject }> = {};
  if (options.etag) headers.ETag = { description: 'the record’s version, for If-Match', schema: { type: 'string', example: '"3"' } };
  if (options.location) headers.Location = { description: 'where the created record is read', schema: { type: 'string' } };
  return ApiResponse({ status, description, schema: toOpenApiResponseSchema(schema), ...(options.etag || options.location ? { headers } : {}) });
}

function problemResponses(statuses: number[], schemaOf: (status: number) => z.ZodType, descriptionOf: (status: number) => string | undefined = () => undefined) {
  return applyDecorators(
    ...[...new Set([...statuses])].map((status) =>
      ApiResponse({
        status,
        description: descriptionOf(status) ?? PROBLEM_DESCRIPTIONS[status] ?? Object.values(PROBLEM_TYPES).find((t) => t.status === status)?.title ?? 'Error',
        content: { 'application/problem+json': { schema: toOpenApiResponseSchema(schemaOf(status)) } },
      }),
    ),
  );
}

/** Documents error answers (problem+json) a route can give; 401 is added for every authenticated route. */
export function ProblemResponses(...statuses: number[]) {
  return problemResponses(statuses, () => problemDetailsSchema);
}

/**
 * As ProblemResponses, for a route that may answer 409 `duplicate` (a work-order or court case
 * number taken, an open case with a claimant in common): its 409 documents `existing`.
 */
export function ProblemResponsesWithDuplicate(...statuses: number[]) {
  return problemResponses(
    [...statuses, 409],
    (status) => (status === 409 ? duplicateProblemSchema : problemDetailsSchema),
    (status) => (status === 409 ? 'A duplicate (`code: duplicate`, `existing` names the record there is) or another conflict with the current state' : undefined),
  );
}

/** Summary and description of a route, and the standard headers of a command (If-Match, Idempotency-Key). */
export function Describe(summary: string, description?: string, options: { command?: 'create' | 'change' } = {}) {
  const decorators = [ApiOperation({ summary, description })];
  if (options.command) {
    decorators.push(ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key and body replays the first answer' }));
  }
  if (options.command === 'change') {
    decorators.push(ApiHeader({ name: 'If-Match', required: false, description: 'the version from the ETag; a stale one answers 412' }));
  }
  return applyDecorators(...decorators);
}

/** What the middleware in front of every route answers, whatever the route documents itself. */
export interface RequestLimitsDoc {
  /** The JSON body limit of a request with a token (the general parser's), e.g. '1mb'. */
  bodyLimit: string;
  /** The JSON body limit of a request without one, in bytes. */
  bodyLimitWithoutToken: number;
}

const BODY_METHODS = new Set(['post', 'put', 'patch']);

/**
 * Adds to every operation of the document the problem answers that come from the middleware in
 * front of the routes (configure-api), so that no controller has to remember them: 429 with
 * Retry-After on every route (the rate limits per address and per account apply to all), and on
 * every POST, PUT and PATCH 413 (the body limit) and 415 (a body that is not JSON). A status the
 * route documents itself (an upload's 413 for a file too large) stays as it is.
 */
export function withRequestLimitResponses(document: OpenAPIObject, limits: RequestLimitsDoc): OpenAPIObject {
  const schema = toOpenApiResponseSchema(problemDetailsSchema);
  const problem = (description: string, extra: Record<string, unknown> = {}) => ({ description, content: { 'application/problem+json': { schema } }, ...extra });
  for (const methods of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(methods as Record<string, unknown>)) {
      const responses = ((operation as { responses?: Record<string, unknown> }).responses ??= {});
      const retryAfter = { 'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer', example: 30 } } };
      const tooMany = responses['429'] as { headers?: Record<string, unknown> } | undefined;
      if (tooMany) tooMany.headers = { ...retryAfter, ...tooMany.headers };
      else responses['429'] = problem('Too many requests from this address or account (harder on login, refresh and logout): wait for Retry-After seconds', { headers: retryAfter });
      if (!BODY_METHODS.has(method)) continue;
      responses['413'] ??= problem(`The body is larger than the limit: ${limits.bodyLimit}, ${limits.bodyLimitWithoutToken} bytes without a token`);
      responses['415'] ??= problem(PROBLEM_DESCRIPTIONS[415]);
    }
  }
  return document;
}
