import { Decider, DomainEvent } from '@lc/decider';
import { ALERT_STREAM_PREFIX, alert, alertStreamId } from '@lc/alerts/domain';
import { DISPUTE_STREAM_PREFIX, disputeCase, disputeStreamId } from '@lc/disputes/domain';
import { AuthenticatedActor, inScope, Role } from '@lc/access';
import { MEDIATION_STREAM_PREFIX, mediation, mediationStreamId } from '@lc/mediations/domain';

/** The kinds of record that keep evidence, as their routes name them. */
export const EVIDENCE_RECORD_KINDS = ['disputes', 'mediations', 'alerts'] as const;
export type EvidenceRecordKind = (typeof EVIDENCE_RECORD_KINDS)[number];

/** What evidence needs of a kind of record: its stream, its decider, who sees it and who may add and remove files. */
export interface EvidenceRecord {
  kind: EvidenceRecordKind;
  streamPrefix: string;
  streamOf: (id: string) => string;
  decider: Pick<Decider<never, DomainEvent, unknown>, 'evolve' | 'initialState'>;
  exists: (state: unknown) => boolean;
  /**
   * Whether the actor sees the record: the same rule as the record's detail route, so a record out
   * of scope is a 404 here as there.
   */
  visible: (state: unknown, actor: AuthenticatedActor) => boolean;
  /** Roles that may attach and remove files (those in scope; informants only on their own alerts, files they attached). */
  writers: Role[];
  notFound: string;
}

type Scoped = { status: string; subDistrict: string; mediatorId?: string | null; informantId?: string };

export const EVIDENCE_RECORDS: Record<EvidenceRecordKind, EvidenceRecord> = {
  disputes: {
    kind: 'disputes',
    streamPrefix: DISPUTE_STREAM_PREFIX,
    streamOf: disputeStreamId,
    decider: disputeCase as never,
    exists: (s) => (s as Scoped).status !== 'not_opened',
    visible: (s, actor) => actor.role !== 'informant' && inScope(actor, { subDistrict: (s as Scoped).subDistrict, assignedTo: (s as Scoped).mediatorId }),
    writers: ['admin', 'mediator'],
    notFound: 'No such dispute case',
  },
  mediations: {
    kind: 'mediations',
    streamPrefix: MEDIATION_STREAM_PREFIX,
    streamOf: mediationStreamId,
    decider: mediation as never,
    exists: (s) => (s as Scoped).status !== 'not_referred',
    visible: (s, actor) => actor.role !== 'informant' && inScope(actor, { subDistrict: (s as Scoped).subDistrict, assignedTo: (s as Scoped).mediatorId }),
    writers: ['admin', 'mediator'],
    notFound: 'No such mediation',
  },
  alerts: {
    kind: 'alerts',
    streamPrefix: ALERT_STREAM_PREFIX,
    streamOf: alertStreamId,
    decider: alert as never,
    exists: (s) => (s as Scoped).status !== 'not_submitted',
    // Union staff of its sub-district; an informant their own alerts only (as GET /alerts/{id}).
    visible: (s, actor) =>
      actor.role === 'informant' ? (s as Scoped).informantId === actor.id : inScope(actor, { subDistrict: (s as Scoped).subDistrict }),
    writers: ['admin', 'supervisor', 'mediator', 'informant'],
    notFound: 'No such alert',
  },
};
