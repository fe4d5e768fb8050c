import { ArgumentsHost, BadRequestException, ConflictException, HttpException, Logger, NotFoundException } from '@nestjs/common';
import { TryLaterError } from '@lc/decider';
import { AppendTooLargeError, ConcurrencyError } from '@lc/event-store';
import { DomainError, ValidationFailedError } from './errors';
import { ProblemDetailsFilter, problemDetailsErrorHandler } from './problem-details.filter';
import { PROBLEM_TYPES } from './problem-types';
import { toProblem } from './to-problem';

interface Captured {
  status?: number;
  contentType?: string;
  body?: unknown;
  headers: Record<string, string>;
}

function fakeHttp(request: Record<string, unknown> = {}) {
  const captured: Captured = { headers: {} };
  const response = {
    headersSent: false,
    setHeader(name: string, value: string) {
      captured.headers[name.toLowerCase()] = value;
      return response;
    },
    status(code: number) {
      captured.status = code;
      return response;
    },
    type(contentType: string) {
      captured.contentType = contentType;
      return response;
    },
    json(body: unknown) {
      captured.body = body;
      return response;
    },
  };
  const req = { method: 'POST', originalUrl: '/api/v1/cases/42', url: '/cases/42', id: 'req-1', ...request };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => response }),
  } as unknown as ArgumentsHost;
  return { host, req, response, captured };
}

function answer(error: unknown) {
  const { host, captured } = fakeHttp();
  new ProblemDetailsFilter().catch(error, host);
  return captured;
}

describe('ProblemDetailsFilter', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  it('answers a concurrency conflict from the event store with 409 problem+json, without the internal stream name', () => {
    const captured = answer(new ConcurrencyError('case-42', 3, 4));
    expect(captured.status).toBe(409);
    expect(captured.contentType).toBe('application/problem+json');
    expect(captured.body).toEqual({
      type: 'urn:labour-cases:problem:concurrency-conflict',
      title: PROBLEM_TYPES.concurrency_conflict.title,
      status: 409,
      detail: PROBLEM_TYPES.concurrency_conflict.detail,
      instance: '/api/v1/cases/42',
      code: 'concurrency_conflict',
      requestId: 'req-1',
    });
    expect(JSON.stringify(captured.body)).not.toContain('case-42');
    expect(logged).not.toHaveBeenCalled();
  });

  it.each([
    ['an append larger than the event store accepts', new AppendTooLargeError('dispute-1234', 1_048_576), 413, 'append_too_large'],
  ])('answers %s with a fixed detail that names no stream', (_, error, status, code) => {
    const captured = answer(error);
    expect(captured.body).toMatchObject({ status, code, detail: PROBLEM_TYPES[code].detail });
    expect(JSON.stringify(captured.body)).not.toContain('dispute-1234');
  });

  it.each([
    ['not_found', 404],
    ['validation_failed', 400],
    ['precondition_failed', 412],
    ['unprocessable', 422],
  ])('maps the domain code %s to %i through the one table', (code, status) => {
    const captured = answer(new DomainError(code, 'because'));
    expect(captured.status).toBe(status);
    expect(captured.body).toMatchObject({ status, code, detail: 'because' });
  });

  it('says when to come back on 429 and 503 (Retry-After, whole seconds)', () => {
    const slow = answer(new TryLaterError('too_many_requests', 'Too many failed logins', 12.2));
    expect(slow).toMatchObject({ status: 429, headers: { 'retry-after': '13' }, body: { code: 'too_many_requests' } });
    const down = answer(new TryLaterError('service_unavailable', 'Login is unavailable', 30));
    expect(down).toMatchObject({ status: 503, headers: { 'retry-after': '30' }, body: { code: 'service_unavailable', detail: 'Login is unavailable' } });
    expect(answer(new DomainError('not_found', 'x')).headers).toEqual({});
  });

  it('accepts any error with a known code, so domain libraries need not import this one', () => {
    const foreign = Object.assign(new Error('No case 42'), { code: 'not_found' });
    expect(answer(foreign)).toMatchObject({ status: 404, body: { code: 'not_found', detail: 'No case 42' } });
  });

  it('lists each invalid field of a validation failure', () => {
    const captured = answer(
      new ValidationFailedError([
        { field: 'employer.creditCode', message: 'check character is wrong' },
        { field: 'claimants.0.idNumber', message: 'Required' },
      ]),
    );
    expect(captured.status).toBe(400);
    expect(captured.body).toMatchObject({
      type: 'urn:labour-cases:problem:validation-failed',
      status: 400,
      code: 'validation_failed',
      errors: [
        { field: 'employer.creditCode', message: 'check character is wrong' },
        { field: 'claimants.0.idNumber', message: 'Required' },
      ],
    });
  });

  it('keeps the status of Nest HTTP exceptions', () => {
    expect(answer(new NotFoundException('Cannot GET /api/v1/nothing'))).toMatchObject({
      status: 404,
      contentType: 'application/problem+json',
      body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'Cannot GET /api/v1/nothing', code: 'not_found' },
    });
    expect(answer(new ConflictException())).toMatchObject({ status: 409, body: { title: 'Conflict' } });
    expect(answer(new HttpException('Slow down', 429))).toMatchObject({ status: 429, body: { detail: 'Slow down' } });
    expect(answer(new BadRequestException(['a is bad', 'b is bad']))).toMatchObject({
      body: { detail: 'a is bad; b is bad' },
    });
  });

  it('answers unknown errors with a bare 500 and logs them', () => {
    const secret = Object.assign(new Error('relation "users" does not exist at /srv/app/db.ts'), { code: '42P01' });
    const captured = answer(secret);
    expect(captured.status).toBe(500);
    expect(JSON.stringify(captured.body)).not.toContain('users');
    expect(captured.body).toMatchObject({ type: 'about:blank', title: 'Internal Server Error', status: 500, requestId: 'req-1' });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0][0]).toMatchObject({ err: secret, requestId: 'req-1' });
  });

  it('does not leak a thrown non-error either', () => {
    expect(answer('boom')).toMatchObject({ status: 500, body: { status: 500 } });
  });

  it('writes nothing once the answer has started', () => {
    const { host, response, captured } = fakeHttp();
    response.headersSent = true;
    new ProblemDetailsFilter().catch(new Error('late'), host);
    expect(captured.status).toBeUndefined();
  });
});

describe('problemDetailsErrorHandler', () => {
  it('turns body-parser errors into problems with their own status', () => {
    const { req, response, captured } = fakeHttp();
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, expose: true, type: 'entity.too.large' });
    problemDetailsErrorHandler()(tooLarge, req as never, response as never, jest.fn());
    expect(captured).toMatchObject({
      status: 413,
      contentType: 'application/problem+json',
      body: { title: 'The body is too large', code: 'payload_too_large', detail: 'request entity too large', requestId: 'req-1' },
    });
  });

  it('gives malformed JSON a code of its own, like every other error', () => {
    const { req, response, captured } = fakeHttp();
    const malformed = Object.assign(new SyntaxError('Unexpected token } in JSON at position 12'), { status: 400, expose: true, type: 'entity.parse.failed' });
    problemDetailsErrorHandler()(malformed, req as never, response as never, jest.fn());
    expect(captured).toMatchObject({
      status: 400,
      contentType: 'application/problem+json',
      body: { type: 'urn:labour-cases:problem:malformed-json', code: 'malformed_json', title: 'The body is not valid JSON' },
    });
  });
});

describe('toProblem', () => {
  it('hides the message of a 5xx client-looking error that is not marked safe to expose', () => {
    const { problem, internal } = toProblem(Object.assign(new Error('pool exhausted'), { status: 503 }));
    expect(internal).toBe(true);
    expect(problem.status).toBe(500);
    expect(problem.detail).not.toContain('pool');
  });
});
