import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import type { Request } from 'express';
import type { CommandMeta } from '@lc/access';
import { actorOf, RequestWithActor } from '../access/access';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency.interceptor';
import { ifMatchVersion } from './if-match';

/** As `Describe`'s `command` option: a creation reads no If-Match (there is no version yet to match). */
export type CommandKind = 'create' | 'change';

/**
 * The command's meta from the request: the authenticated actor, If-Match as a version (a malformed
 * one is the 400 naming `If-Match`) and the Idempotency-Key as sent (IdempotencyInterceptor checks
 * its form before the handler runs).
 */
export function commandMetaOf(request: Pick<Request, 'headers'> & RequestWithActor, kind: CommandKind): CommandMeta {
  const idempotencyKey = request.headers[IDEMPOTENCY_KEY_HEADER] as string | undefined;
  return {
    actor: actorOf(request),
    expectedVersion: kind === 'change' ? ifMatchVersion(request.headers['if-match']) : undefined,
    idempotencyKey,
  };
}

const commandMeta = createParamDecorator((kind: CommandKind, context: ExecutionContext) =>
  commandMetaOf(context.switchToHttp().getRequest<Request & RequestWithActor>(), kind),
);

/**
 * The headers as the OpenAPI document has always listed them for command routes (they were read
 * with `@Headers(...)`, which Swagger lists as required header parameters): the web client's
 * generated types rely on these names.
 */
function documentHeaders(kind: CommandKind): MethodDecorator {
  const names = kind === 'change' ? ['if-match', IDEMPOTENCY_KEY_HEADER] : [IDEMPOTENCY_KEY_HEADER];
  return (_target, _key, descriptor) => {
    const parameters: unknown[] = Reflect.getMetadata(DECORATORS.API_PARAMETERS, descriptor.value as object) ?? [];
    const documented = names.map((name) => ({ name, required: true, in: 'header', schema: { type: 'string' } }));
    Reflect.defineMetadata(DECORATORS.API_PARAMETERS, [...parameters, ...documented], descriptor.value as object);
  };
}

/**
 * `@RequestMeta('change') meta: CommandMeta`: who sends the command, If-Match and the
 * Idempotency-Key, in one parameter (`'create'`: no If-Match). Pair it with `Describe`'s same
 * `command` option, which documents the headers' meaning.
 */
export function RequestMeta(kind: CommandKind): ParameterDecorator {
  const document = documentHeaders(kind);
  return (target, key, index) => {
    commandMeta(kind)(target, key, index);
    if (key === undefined) return; // a constructor parameter: not a route
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) document(target, key, descriptor);
  };
}
