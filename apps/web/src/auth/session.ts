/**
 * The signed-in session, outside React so that the API client can use it: the access token (15
 * minutes) and the refresh token (30 days, rotated on every use: POST /api/v1/auth/refresh).
 * Kept in localStorage so that a reload or a phone's reopened page stays signed in; the strict CSP
 * (no inline or foreign scripts) is what keeps other code from reading it. Tabs share it: a
 * refresh takes a Web Lock and rereads storage first, because the token another tab just rotated
 * is already spent.
 */
import { ApiProblem } from '../api/problem';
import { storedLanguage } from '../i18n';

export type Role = 'admin' | 'supervisor' | 'mediator' | 'informant';

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  /** null: the whole district. */
  subDistrict: string | null;
}

export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  accessExpiresAt: number;
  refreshToken: string;
  user: SessionUser;
}

interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const STORAGE_KEY = 'lc.session';
/** Refresh this long before the access token expires, so that no request goes out with a dying one. */
const REFRESH_AHEAD_MS = 30_000;

function read(): Session | null {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    return text ? (JSON.parse(text) as Session) : null;
  } catch {
    return null;
  }
}

let current: Session | null = read();
/** Why the last session ended without the user asking: shown on the login page. */
let endedBecause: 'expired' | null = null;
const listeners = new Set<() => void>();

function write(next: Session | null): void {
  current = next;
  try {
    if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage full or forbidden: the session lasts for this page.
  }
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') {
  // Another tab logged in, out, or rotated the tokens.
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY) return;
    current = read();
    for (const listener of listeners) listener();
  });
}

export function getSession(): Session | null {
  return current;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function sessionEndedBecause(): 'expired' | null {
  return endedBecause;
}

function languageHeader(): string {
  return storedLanguage() === 'en' ? 'en, zh-CN;q=0.5' : 'zh-CN, en;q=0.5';
}

async function postJson(path: string, body: unknown): Promise<Response> {
  try {
    return await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': languageHeader() },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw ApiProblem.network(error);
  }
}

function fromPair(pair: TokenPair, user: SessionUser): Session {
  return { accessToken: pair.accessToken, refreshToken: pair.refreshToken, accessExpiresAt: Date.now() + pair.expiresIn * 1000, user };
}

export async function login(username: string, password: string): Promise<Session> {
  const response = await postJson('/api/v1/auth/login', { username, password });
  if (!response.ok) throw await ApiProblem.fromResponse(response);
  const pair = (await response.json()) as TokenPair;
  let me: Response;
  try {
    me = await fetch('/api/v1/auth/me', { headers: { Authorization: `Bearer ${pair.accessToken}`, Accept: 'application/json' } });
  } catch (error) {
    throw ApiProblem.network(error);
  }
  if (!me.ok) throw await ApiProblem.fromResponse(me);
  const user = (await me.json()) as SessionUser;
  endedBecause = null;
  const session = fromPair(pair, user);
  write(session);
  return session;
}

export async function logout(): Promise<void> {
  const session = current;
  write(null);
  // Revoke the refresh token on the server; signed out here whatever it answers.
  if (session) await postJson('/api/v1/auth/logout', { refreshToken: session.refreshToken }).catch(() => undefined);
}

let refreshing: Promise<string | null> | null = null;

/**
 * A fresh access token, or null when the session is over (the refresh token was refused: the
 * user must log in again). Throws ApiProblem on a network failure: the session is kept, offline.
 * One refresh at a time, in this tab (a shared promise) and across tabs (a Web Lock).
 */
export function refreshAccessToken(stale: string | undefined): Promise<string | null> {
  refreshing ??= (async () => {
    const run = async (): Promise<string | null> => {
      const latest = read() ?? current;
      if (!latest) return null;
      if (latest.accessToken !== stale && latest.accessExpiresAt - REFRESH_AHEAD_MS > Date.now()) {
        current = latest;
        return latest.accessToken;
      }
      const response = await postJson('/api/v1/auth/refresh', { refreshToken: latest.refreshToken });
      if (response.status === 400 || response.status === 401) {
        endedBecause = 'expired';
        write(null);
        return null;
      }
      if (!response.ok) throw await ApiProblem.fromResponse(response);
      const next = fromPair((await response.json()) as TokenPair, latest.user);
      write(next);
      return next.accessToken;
    };
    return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks.request('lc.session.refresh', run) : run();
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function withAuthorization(request: Request, token: string | undefined): Request {
  const headers = new Headers(request.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (!headers.has('Accept-Language')) headers.set('Accept-Language', languageHeader());
  return new Request(request, { headers });
}

/**
 * fetch for the API client: adds the bearer token and the user's language, refreshes a token
 * about to expire, and on a 401 refreshes once and resends the same request.
 */
export async function authorizedFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  let token = current?.accessToken;
  if (current && current.accessExpiresAt - REFRESH_AHEAD_MS < Date.now()) {
    try {
      token = (await refreshAccessToken(token)) ?? undefined;
    } catch {
      // Offline: try with the token we have; the request will fail the same way and be retried.
    }
  }
  const response = await fetch(withAuthorization(request, token));
  if (response.status !== 401 || !token) return response;
  const fresh = await refreshAccessToken(token);
  if (!fresh) return response;
  return fetch(withAuthorization(retry, fresh));
}

/** The server's word on who is signed in (role or scope may have changed since login). */
export function updateUser(user: SessionUser): void {
  if (current && JSON.stringify(current.user) !== JSON.stringify(user)) write({ ...current, user });
}

/** Each role's home page. */
export function homeOf(role: Role): string {
  switch (role) {
    case 'informant':
      return '/informant';
    case 'mediator':
      return '/workspace';
    case 'supervisor':
      return '/dashboard';
    case 'admin':
      return '/admin';
  }
}
