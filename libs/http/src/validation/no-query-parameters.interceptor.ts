import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { ValidationFailedError } from '../problem-details/errors';
import { QUERY_VALIDATED, unknownQueryParameters } from './zod.decorators';

const NONE = new Set<string>();

/**
 * One rule for unknown query parameters, everywhere: a route that validates its query string with
 * @ZodQuery refuses names its schema lacks; every other route takes no query parameters at all, so
 * `GET /disputes/{id}?fields=x` is a 400 naming `fields` rather than an answer that ignored it.
 */
@Injectable()
export class NoUnknownQueryParametersInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && !this.reflector.get<boolean>(QUERY_VALIDATED, context.getHandler())) {
      const query = context.switchToHttp().getRequest<Request>().query ?? {};
      const unknown = unknownQueryParameters(query, NONE);
      if (unknown.length > 0) throw new ValidationFailedError(unknown);
    }
    return next.handle();
  }
}
