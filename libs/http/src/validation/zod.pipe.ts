import { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { FieldError, ValidationFailedError } from '../problem-details/errors';
import './zod-messages';

function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Every zod issue as field errors; an unknown-keys issue names each unknown key. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: dotted([...issue.path, key]), message: 'is not allowed' }))
      : [{ field: dotted(issue.path), message: issue.message }],
  );
}

/** A value through a schema outside a request (a command built from a stored record): a 400 naming each bad field, as the pipe answers. */
export function parseFields<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationFailedError(fieldErrors(result.error));
  return result.data;
}

/**
 * Validates (and converts) a request part with a zod schema: the repository's one validation
 * approach. Failures become a 400 problem naming each bad field.
 */
export class ZodPipe<Schema extends z.ZodType> implements PipeTransform<unknown, Promise<z.output<Schema>>> {
  constructor(readonly schema: Schema) {}

  async transform(value: unknown): Promise<z.output<Schema>> {
    const result = await this.schema.safeParseAsync(value);
    if (!result.success) throw new ValidationFailedError(fieldErrors(result.error));
    return result.data;
  }
}
