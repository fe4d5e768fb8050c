import createClient from 'openapi-fetch';
import { authorizedFetch } from '../auth/session';
import { ApiProblem } from './problem';
import type { paths } from './schema';

/**
 * The typed API client: paths, parameters and request bodies come from schema.d.ts, generated
 * from the API's own OpenAPI document (npm run web:api). Every request goes through the session
 * (bearer token, refresh on 401, the user's language).
 */
export const api = createClient<paths>({ baseUrl: '', fetch: authorizedFetch });

/**
 * The API documents its request bodies but not yet its answers, so the generated client types
 * `data` as unknown; `answer<T>()` names the type (see ./types.ts) and turns an error answer into
 * an ApiProblem. Use it around every call:
 *   const page = await answer<Page<AlertListItem>>(api.GET('/api/v1/alerts/mine', { params: { query: { page: 1 } } }));
 */
export async function answer<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    if (error instanceof ApiProblem) throw error;
    throw ApiProblem.network(error);
  }
  const { data, error, response } = result;
  if (!response.ok) throw new ApiProblem(response.status, { status: response.status, ...(error as object) });
  return data as T;
}

/** The record version from an ETag (`W/"3"` or `"3"`), for If-Match on the next command. */
export function versionOf(response: Response): number | undefined {
  const match = /"(\d+)"/.exec(response.headers.get('ETag') ?? '');
  return match ? Number(match[1]) : undefined;
}
