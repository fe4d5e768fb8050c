import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { Observable } from 'rxjs';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { unstorableFields, ValidationFailedError } from '@lc/http';

/** Too large: 413 with code file_too_large, naming `file`. */
export class FileTooLargeError extends Error {
  readonly code = 'file_too_large';
  constructor(
    message: string,
    readonly errors = [{ field: 'file', message }],
  ) {
    super(message);
    this.name = 'FileTooLargeError';
  }
}

/** Not one of the accepted types (by content): 415 with code unsupported_file_type, naming `file`. */
export class UnsupportedFileTypeError extends Error {
  readonly code = 'unsupported_file_type';
  constructor(
    message: string,
    readonly errors = [{ field: 'file', message }],
  ) {
    super(message);
    this.name = 'UnsupportedFileTypeError';
  }
}

/** The multipart form's text fields besides the file. */
const FIELDS = ['description'];

/**
 * Parses an evidence upload (multipart/form-data: `description` and `file`) into memory, with
 * EVIDENCE_MAX_BYTES for the file and small limits for everything else, on these routes only (the
 * API's general body parser takes JSON alone, and any other route answers multipart with 415).
 * Runs after the access guard, so nobody without a token makes the service read a file.
 */
@Injectable()
export class EvidenceUploadInterceptor implements NestInterceptor {
  private readonly parse: RequestHandler;
  private readonly maxBytes: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.maxBytes = config.EVIDENCE_MAX_BYTES;
    this.parse = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: this.maxBytes, files: 1, fields: FIELDS.length, parts: FIELDS.length + 1, fieldSize: 16 * 1024, fieldNameSize: 100, headerPairs: 100 },
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    if (!req.is('multipart/form-data')) {
      throw new ValidationFailedError([{ field: 'file', message: 'send the file as multipart/form-data, with fields "file" and "description"' }]);
    }
    await new Promise<void>((resolve, reject) =>
      this.parse(req, http.getResponse<Response>(), (error: unknown) => (error ? reject(this.refusal(error)) : resolve())),
    );
    const unknown = Object.keys(req.body ?? {}).filter((name) => !FIELDS.includes(name));
    if (unknown.length) throw new ValidationFailedError(unknown.map((field) => ({ field, message: 'is not a field of an evidence upload (description, file)' })));
    // The multipart fields are parsed here, after the input guard ran on the request: the same check.
    const unstorable = unstorableFields(req.body ?? {});
    if (unstorable.length) throw new ValidationFailedError(unstorable);
    return next.handle();
  }

  private refusal(error: unknown): Error {
    if (!(error instanceof MulterError)) {
      // busboy's own complaints (a malformed body, a missing boundary) are the client's.
      return new ValidationFailedError([{ field: 'file', message: `the multipart body could not be read: ${(error as Error)?.message ?? error}` }]);
    }
    const field = error.field ?? 'file';
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return new FileTooLargeError(`is larger than the ${this.maxBytes} bytes a file may have (EVIDENCE_MAX_BYTES)`);
      case 'LIMIT_UNEXPECTED_FILE':
        return new ValidationFailedError([{ field, message: field === 'file' ? 'only one file per upload' : 'is not a file field: send the file as "file"' }]);
      case 'LIMIT_FIELD_VALUE':
        return new ValidationFailedError([{ field, message: 'is too long (16 KB at most)' }]);
      default:
        return new ValidationFailedError([{ field, message: `${error.message} (send only "description" and one "file")` }]);
    }
  }
}
