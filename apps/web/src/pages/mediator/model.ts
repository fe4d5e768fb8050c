/*
 * What the workspace reads from the API, named by hand like api/types.ts (each mirrors the server
 * type named in its comment), and the one way every command is sent: with If-Match from the
 * record's ETag, so a change someone else made first is a 412 and never a silent overwrite.
 */
import { useQuery } from '@tanstack/react-query';
import { api, answer, versionOf } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { authorizedFetch } from '../../auth/session';
import type { Page } from '../../api/types';

export const CATEGORIES = ['wage_arrears', 'social_insurance', 'work_injury', 'termination_compensation', 'working_hours', 'labour_contract', 'other'] as const;
export const CHANNELS = ['walk_in', 'hotline_12351', 'online_opinion', 'petition', 'informant_alert', 'referral'] as const;
export const STEP_KINDS = ['contact', 'site_visit', 'negotiation_session', 'evidence_collected', 'note'] as const;
export const OUTCOMES = ['agreement', 'withdrawn', 'referred_arbitration', 'referred_court', 'referred_inspection'] as const;
export const SUB_DISTRICTS = ['pinghu', 'bantian', 'buji', 'nanwan', 'jihua', 'henggang', 'yuanshan', 'longcheng', 'longgang', 'baolong', 'pingdi'] as const;

export interface Claimant {
  name: string;
  idNumber?: string;
  phone?: string;
}

/** libs/disputes DisputeListItem. */
export interface DisputeListItem {
  id: string;
  caseNo: string;
  status: 'open' | 'resolved';
  channel: string;
  subDistrict: string;
  category: string;
  employer: { name: string; creditCode: string };
  workersInvolved: number;
  groupDispute: boolean;
  amountClaimedFen: number;
  amountRecoveredFen: number;
  summary: string;
  openedOn: string;
  mediatorId: string | null;
  stepsLogged: number;
  resolvedOn: string | null;
  outcome: string | null;
  updatedAt: string;
  version: number;
}

/** libs/disputes DisputeDetail. */
export interface DisputeDetail extends Omit<DisputeListItem, 'updatedAt'> {
  claimants: Claimant[];
  infringementKnownOn: string | null;
  source: { kind: 'complaint' | 'alert'; id: string } | null;
  recoveriesRecorded: number;
  timesReopened: number;
  /** The documents the case can have now (GET /disputes/{id}/documents/{kind}). */
  documents: Array<'mediation-agreement'>;
}

/** libs/audit-trail TimelineItem, in DisputeTimeline. */
export interface TimelineItem {
  version: number;
  type: string;
  data: Record<string, unknown>;
  actorId: string | null;
  actorRole: string | null;
  actor?: { displayName: string | null; username: string | null };
  recordedAt: string;
}

/** libs/alerts AlertListItem. */
export interface TriageAlert {
  id: string;
  status: 'submitted' | 'acknowledged' | 'verified' | 'dismissed' | 'converted';
  grade: 'red' | 'yellow' | 'green' | null;
  points: number | null;
  enterprise: { name: string; creditCode: string };
  subDistrict: string;
  signals: string[];
  workersAffected: number;
  description: string;
  submittedAt: string;
  pickupDeadlineAt: string | null;
  overdue: boolean;
  escalated: boolean;
  disputeId: string | null;
  version: number;
}

/** libs/workload WorkItem and MyWork (GET /api/v1/me/work). */
export interface WorkItem {
  kind: 'dispute' | 'mediation';
  id: string;
  reference: string;
  status: string;
  subDistrict: string;
  category: string;
  employer: { name: string; creditCode: string };
  workers: number;
  since: string;
  nextClock: { kind: string; lastDay: string; deadlineAt: string; overdue: boolean; dueSoon: boolean; daysLeft: number } | null;
  urgency: 'overdue' | 'due_soon' | 'running' | 'none';
  version: number;
}
export interface MyWork {
  items: WorkItem[];
  counts: { cases: number; mediations: number; overdue: number; dueSoon: number };
  asOf: string;
}

/** libs/workload MediatorItem (GET /api/v1/mediators). */
export interface MediatorItem {
  id: string;
  username: string;
  displayName: string;
  subDistrict: string;
  active: boolean;
}

/** The mediators the caller may see (for names and for assigning). */
export function useMediators() {
  return useQuery({
    queryKey: ['mediators', 'names'],
    queryFn: () => getJson<Page<MediatorItem>>('/api/v1/mediators?active=all&pageSize=200'),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** libs/notifications Notification (GET /api/v1/notifications). */
export interface NotificationItem {
  id: string;
  kind: string;
  subject: { kind: string; stream: string; id: string };
  title: { zh: string; en: string };
  params: Record<string, string | number | boolean | null>;
  createdAt: string;
  read: boolean;
  readAt: string | null;
}
export interface NotificationPage extends Page<NotificationItem> {
  unread: number;
}

/** libs/disputes ComplaintListItem / ComplaintDetail. */
export interface ComplaintItem {
  id: string;
  status: 'received' | 'handled' | 'converted';
  source: 'hotline_12351' | 'online_opinion' | 'other';
  workOrderNo: string | null;
  subDistrict: string;
  employer: { name: string; creditCode?: string } | null;
  summary: string;
  receivedAt: string;
  receivedOn: string;
  handledOn: string | null;
  handlingNote?: string | null;
  convertedOn: string | null;
  disputeId: string | null;
  version: number;
}

/** libs/mediations MediationListItem / MediationDetail. */
export interface MediationItem {
  id: string;
  court: string;
  courtCaseNo: string;
  status: 'referred' | 'in_progress' | 'agreed' | 'failed' | 'withdrawn';
  subDistrict: string;
  category: string;
  employer: { name: string; creditCode: string };
  workers: Claimant[];
  claimAmountFen: number;
  referredOn: string;
  mediatorId: string | null;
  sessionsHeld: number;
  lastSessionOn: string | null;
  extraDays: number;
  deadlineOn: string;
  agreedOn: string | null;
  amountFen: number | null;
  paymentTerms?: string | null;
  judicialConfirmation: 'not_applied' | 'applied' | 'granted' | 'refused';
  judicialConfirmationAppliedOn: string | null;
  judicialConfirmationDecidedOn: string | null;
  judicialConfirmationDeadlineOn: string | null;
  failedOn: string | null;
  failureReason?: string | null;
  withdrawnOn: string | null;
  withdrawalReason?: string | null;
  /** On the detail: the documents the mediation can have now (GET /mediations/{id}/documents/{kind}). */
  documents?: Array<'mediation-agreement' | 'judicial-confirmation-application' | 'referral-feedback'>;
  version: number;
}

/** A record and the version its ETag carried: what the next command's If-Match sends. */
export interface Versioned<T> {
  record: T;
  version: number;
}

export async function readVersioned<T extends { version?: number }>(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<Versioned<T>> {
  const result = await call.catch((error: unknown) => {
    throw error instanceof ApiProblem ? error : ApiProblem.network(error);
  });
  const record = await answer<T>(Promise.resolve(result));
  return { record, version: versionOf(result.response) ?? record.version ?? 0 };
}

/** A 412 (If-Match no longer true) or 409 concurrency conflict: someone else changed it first. */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiProblem && (error.status === 412 || error.code === 'precondition_failed' || error.code === 'concurrency_conflict');
}

/**
 * GET on a route the generated client may not know yet (issue-10 routes landing at the same time):
 * through the session like every other call.
 */
export async function getJson<T>(path: string): Promise<T> {
  let response: Response;
  try {
    response = await authorizedFetch(new Request(path, { headers: { Accept: 'application/json' } }));
  } catch (error) {
    throw ApiProblem.network(error);
  }
  if (!response.ok) throw await ApiProblem.fromResponse(response);
  return (await response.json()) as T;
}

/** Display names of the mediators the caller may see, for the timeline and the case (id → name). */
export function useMediatorNames(): Map<string, string> {
  const { data } = useMediators();
  return new Map((data?.items ?? []).map((m) => [m.id, m.displayName || m.username]));
}

export const disputeKey = (id: string) => ['dispute', id] as const;
export const timelineKey = (id: string) => ['dispute', id, 'timeline'] as const;

export function useDispute(id: string) {
  return useQuery({
    queryKey: disputeKey(id),
    queryFn: () => readVersioned<DisputeDetail>(api.GET('/api/v1/disputes/{id}', { params: { path: { id } } })),
    staleTime: 0,
  });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: timelineKey(id),
    queryFn: () => answer<{ id: string; caseNo: string; version: number; events: TimelineItem[] }>(api.GET('/api/v1/disputes/{id}/timeline', { params: { path: { id } } })),
    staleTime: 0,
  });
}

/** A fresh Idempotency-Key per attempt the user makes (a retry after a conflict is a new attempt). */
export const newKey = (): string => crypto.randomUUID();

/** GET a record with the version its ETag carries (routes the generated client may type loosely). */
export async function getVersioned<T extends { version?: number }>(path: string): Promise<Versioned<T>> {
  let response: Response;
  try {
    response = await authorizedFetch(new Request(path, { headers: { Accept: 'application/json' } }));
  } catch (error) {
    throw ApiProblem.network(error);
  }
  if (!response.ok) throw await ApiProblem.fromResponse(response);
  const record = (await response.json()) as T;
  return { record, version: versionOf(response) ?? record.version ?? 0 };
}
