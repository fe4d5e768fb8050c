import { Body, Param, Query, SetMetadata } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { FieldError, ValidationFailedError } from '../problem-details/errors';
import { formerNamesFor } from './former-names';
import { ZodPipe } from './zod.pipe';

/** Set on a route whose query string @ZodQuery validates; routes without it take no query parameters. */
export const QUERY_VALIDATED = 'labour-cases:query-validated';

/**
 * The schema as OpenAPI 3.0 sees it. `io: 'input'` describes what clients send (before defaults
 * and transforms); transforms have no JSON Schema form, so they document as "anything" rather
 * than fail the whole document.
 */
export function toOpenApiSchema(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as SchemaObject;
}

/** Applies an OpenAPI method decorator from within a parameter decorator. */
function documentMethod(target: object, key: string | symbol | undefined, decorator: MethodDecorator): void {
  if (key === undefined) return; // a constructor parameter: not a route
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor) decorator(target, key, descriptor);
}

/** `@ZodBody(schema) body: z.output<typeof schema>`: validates the JSON body and documents it. */
export function ZodBody(schema: z.ZodType, description?: string): ParameterDecorator {
  const documentation = ApiBody({ schema: toOpenApiSchema(schema), description });
  return (target, key, index) => {
    Body(new ZodPipe(schema))(target, key, index);
    documentMethod(target, key, documentation);
  };
}

/** Unknown query parameters, each named: one rule on every route (a typo is never silently ignored). */
export function unknownQueryParameters(query: object, known: ReadonlySet<string>, renamed: Record<string, string> = {}): FieldError[] {
  return Object.keys(query)
    .filter((key) => !known.has(key))
    .map((key) => ({ field: key, message: renamed[key] ? `is not allowed; use ${renamed[key]}` : 'is not allowed' }));
}

/**
 * `@ZodQuery(z.object({...})) query`: validates the query string and documents each parameter.
 * A parameter the schema does not name is a 400, whether or not the schema itself is strict; a
 * former name of one it does name says which to use (FORMER_QUERY_NAMES, the same on every route).
 */
export function ZodQuery(schema: z.ZodObject): ParameterDecorator {
  const json = toOpenApiSchema(schema);
  const required = new Set(json.required ?? []);
  const documentation = Object.entries(json.properties ?? {}).map(([name, property]) =>
    ApiQuery({ name, required: required.has(name), schema: property as SchemaObject }),
  );
  const known = new Set(Object.keys(schema.shape));
  const renamed = formerNamesFor(known);
  const inner = new ZodPipe(schema);
  const pipe = {
    transform: async (value: unknown) => {
      const unknown = unknownQueryParameters(value ?? {}, known, renamed);
      if (unknown.length > 0) throw new ValidationFailedError(unknown);
      return inner.transform(value);
    },
  };
  return (target, key, index) => {
    Query(pipe)(target, key, index);
    for (const decorator of documentation) documentMethod(target, key, decorator);
    if (key !== undefined) {
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (descriptor) SetMetadata(QUERY_VALIDATED, true)(target, key, descriptor);
    }
  };
}

/** `@ZodParam('caseId', z.uuid()) caseId: string`: validates one path parameter and documents it. */
export function ZodParam(name: string, schema: z.ZodType): ParameterDecorator {
  const documentation = ApiParam({ name, required: true, schema: toOpenApiSchema(schema) });
  const named = z.object({ [name]: schema });
  const pipe = {
    // Validating through an object names the parameter in the error, as for body fields.
    transform: async (value: unknown) => ((await new ZodPipe(named).transform({ [name]: value })) as Record<string, unknown>)[name],
  };
  return (target, key, index) => {
    Param(name, pipe)(target, key, index);
    documentMethod(target, key, documentation);
  };
}
