/**
 * The informant's outbox: every report is saved here (IndexedDB) with its Idempotency-Key the
 * moment it is submitted, and sent from here, with the same key, until the server answers. The
 * key is the alert's identity on the server, so a resend after a lost answer, a closed page or a
 * day offline never makes a second alert. A report leaves the outbox only when the server took
 * it (2xx) or refused it for good (4xx other than 401/408/409/429: shown, for the user to fix or
 * delete).
 */
import { api, answer } from '../../api/client';
import { ApiProblem, type ProblemDocument } from '../../api/problem';
import type { SubmitAlertBody, SubmittedAlert } from '../../api/types';

export interface OutboxItem {
  /** The Idempotency-Key, made here once. */
  key: string;
  userId: string;
  body: SubmitAlertBody;
  savedAt: number;
  state: 'pending' | 'rejected';
  attempts: number;
  problem?: ProblemDocument & { status: number };
}

const DB_NAME = 'labour-cases';
const STORE = 'outbox';

function database(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function transact<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** A v4 UUID; crypto.randomUUID needs a secure context, which a LAN address over http is not. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const listeners = new Set<() => void>();
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const changed = () => listeners.forEach((listener) => listener());

export async function outboxItems(userId: string): Promise<OutboxItem[]> {
  const all = await transact<OutboxItem[]>('readonly', (store) => store.getAll() as IDBRequest<OutboxItem[]>);
  return all.filter((item) => item.userId === userId).sort((a, b) => a.savedAt - b.savedAt);
}

export async function saveToOutbox(userId: string, body: SubmitAlertBody): Promise<OutboxItem> {
  const item: OutboxItem = { key: newKey(), userId, body, savedAt: Date.now(), state: 'pending', attempts: 0 };
  await transact('readwrite', (store) => store.put(item));
  changed();
  return item;
}

export async function removeFromOutbox(key: string): Promise<void> {
  await transact('readwrite', (store) => store.delete(key));
  changed();
}

/** Worth sending again as it is: no answer, or an answer that says "later". */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiProblem)) return true;
  return error.isNetworkError || error.status >= 500 || [401, 408, 409, 425, 429].includes(error.status);
}

export type SendResult = { key: string; sent: SubmittedAlert } | { key: string; rejected: ApiProblem } | { key: string; later: unknown };

async function send(item: OutboxItem): Promise<SendResult> {
  try {
    const sent = await answer<SubmittedAlert>(
      api.POST('/api/v1/alerts', { params: { header: { 'idempotency-key': item.key } }, body: item.body }),
    );
    await removeFromOutbox(item.key);
    return { key: item.key, sent };
  } catch (error) {
    if (isTransient(error)) {
      await transact('readwrite', (store) => store.put({ ...item, attempts: item.attempts + 1 }));
      return { key: item.key, later: error };
    }
    const problem = error as ApiProblem;
    await transact('readwrite', (store) => store.put({ ...item, state: 'rejected', attempts: item.attempts + 1, problem: { ...problem.problem, status: problem.status } }));
    changed();
    return { key: item.key, rejected: problem };
  }
}

let flushing: Promise<SendResult[]> | null = null;

/**
 * Sends the user's pending reports, oldest first, one at a time; stops at the first that must
 * wait (offline: the rest would fail the same way). One flush at a time in this page.
 */
export function flushOutbox(userId: string): Promise<SendResult[]> {
  flushing ??= (async () => {
    const results: SendResult[] = [];
    for (const item of await outboxItems(userId)) {
      if (item.state !== 'pending') continue;
      const result = await send(item);
      results.push(result);
      if ('later' in result) break;
    }
    return results;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/**
 * Sends one report now (the one just saved) and answers how that went, whichever flush sent it:
 * the page's own resend may have picked it up first.
 */
export async function sendNow(userId: string, key: string): Promise<SendResult | undefined> {
  const running = flushing && (await flushing.catch(() => [] as SendResult[])).find((r) => r.key === key);
  if (running) return running;
  if (!(await outboxItems(userId)).some((i) => i.key === key)) return undefined;
  return (await flushOutbox(userId)).find((r) => r.key === key);
}
