import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, CLOCK, DomainError, DomainEvent } from '@lc/decider';
import { decideAndAppend, EVENT_STORE, EventStore, loadState, LoadedStream } from '@lc/event-store';
import { writeContext } from '@lc/http';
import { AuthenticatedActor, domainActor } from '@lc/access';
import { EVIDENCE_RECORDS, EvidenceRecordKind } from './evidence-records';
import { EvidenceCommand, EvidenceFile, WithEvidence, withEvidence } from './evidence.decider';

type WithoutContext<C> = C extends unknown ? Omit<C, 'now' | 'actor'> : never;

/** A file as the API shows it. */
export interface EvidenceFileView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  description: string;
  attachedAt: string;
  attachedBy: { id: string; displayName: string | null };
  /** Erased with a person's personal data: the fact stays, the bytes are gone (download: 410). */
  erased: boolean;
  /** Where to download it. */
  href: string;
}

/** The streams of the records that keep evidence, read with their files beside them. */
@Injectable()
export class EvidenceStreams {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  private decider(kind: EvidenceRecordKind) {
    const record = EVIDENCE_RECORDS[kind];
    return withEvidence(record.decider, record.exists, record.notFound);
  }

  streamOf(kind: EvidenceRecordKind, id: string): string {
    return EVIDENCE_RECORDS[kind].streamOf(id);
  }

  /** The record with its files, if the actor sees it: otherwise 404, as the record's own routes answer. */
  async load(kind: EvidenceRecordKind, id: string, actor: AuthenticatedActor): Promise<LoadedStream<WithEvidence<unknown>>> {
    const loaded = await loadState(this.store, this.decider(kind), this.streamOf(kind, id));
    this.assertVisible(kind, loaded.state, actor);
    return loaded;
  }

  /** Decides an evidence command on the record and appends its events (scope checked on every attempt). */
  async change(
    kind: EvidenceRecordKind,
    id: string,
    actor: AuthenticatedActor,
    command: WithoutContext<EvidenceCommand>,
    idempotencyKey: string | undefined,
    check?: (state: WithEvidence<unknown>) => void,
  ): Promise<{ events: DomainEvent[]; state: WithEvidence<unknown>; version: number }> {
    const full = { ...command, now: this.clock.now(), actor: domainActor(actor) } as EvidenceCommand;
    return decideAndAppend(this.store, this.decider(kind), this.streamOf(kind, id), full, writeContext(actor, { idempotencyKey }), {
      inspect: ({ state }) => {
        this.assertVisible(kind, state, actor);
        check?.(state);
      },
    });
  }

  private assertVisible(kind: EvidenceRecordKind, state: WithEvidence<unknown>, actor: AuthenticatedActor): void {
    const record = EVIDENCE_RECORDS[kind];
    if (!record.exists(state.record) || !record.visible(state.record, actor)) throw new DomainError('not_found', record.notFound);
  }

  /** The files as the API shows them, with who attached them by name and whether they were erased. */
  async views(kind: EvidenceRecordKind, recordId: string, files: EvidenceFile[]): Promise<EvidenceFileView[]> {
    if (files.length === 0) return [];
    const ids = files.map((f) => f.fileId);
    const [erased, accounts] = await Promise.all([
      this.dataSource.query(`SELECT file_id::text AS id FROM evidence_erasures WHERE file_id = ANY($1::uuid[])`, [ids]) as Promise<Array<{ id: string }>>,
      this.dataSource.query(
        `SELECT id::text AS id, COALESCE(display_name, username) AS name FROM accounts WHERE id::text = ANY($1::text[])`,
        [[...new Set(files.map((f) => f.attachedBy))]],
      ) as Promise<Array<{ id: string; name: string }>>,
    ]);
    const erasedIds = new Set(erased.map((r) => r.id));
    const names = new Map(accounts.map((a) => [a.id, a.name]));
    return files.map((f) => ({
      id: f.fileId,
      fileName: f.fileName,
      contentType: f.contentType,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
      description: f.description,
      attachedAt: f.attachedAt,
      attachedBy: { id: f.attachedBy, displayName: names.get(f.attachedBy) ?? null },
      erased: erasedIds.has(f.fileId),
      href: `/api/v1/${kind}/${recordId}/evidence/${f.fileId}`,
    }));
  }
}
