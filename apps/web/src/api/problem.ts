/** An RFC 9457 problem+json answer from the API (see libs/http/src/problem-details). */
export interface ProblemDocument {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  requestId?: string;
  /** For validation_failed: each invalid field by its dotted path (`enterprise.creditCode`). */
  errors?: Array<{ field: string; message: string }>;
  /** For `duplicate` (409): the record that exists already, to open instead. */
  existing?: { kind: string; id: string; [detail: string]: unknown };
}

/** What a failed call throws: the problem the server answered, or a network failure (status 0). */
export class ApiProblem extends Error {
  readonly status: number;
  readonly problem: ProblemDocument;

  constructor(status: number, problem: ProblemDocument) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.problem = problem;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  get fieldErrors(): Array<{ field: string; message: string }> {
    return this.problem.errors ?? [];
  }

  /** No answer at all: offline, DNS, connection refused. Worth retrying later as it was. */
  get isNetworkError(): boolean {
    return this.status === 0;
  }

  static network(error: unknown): ApiProblem {
    return new ApiProblem(0, { title: 'network', detail: (error as Error)?.message });
  }

  static async fromResponse(response: Response): Promise<ApiProblem> {
    let problem: ProblemDocument = { status: response.status, title: response.statusText };
    try {
      const text = await response.text();
      if (text) problem = { ...problem, ...(JSON.parse(text) as ProblemDocument) };
    } catch {
      // Not JSON (a proxy's error page): the status says enough.
    }
    return new ApiProblem(response.status, problem);
  }
}
