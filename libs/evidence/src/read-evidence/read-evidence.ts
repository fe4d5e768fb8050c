import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DomainError } from '@lc/decider';
import { AuthenticatedActor } from '@lc/access';
import { EvidenceRecordKind } from '../evidence/evidence-records';
import { EvidenceFileView, EvidenceStreams } from '../evidence/evidence-streams';
import { EVIDENCE_STORAGE, EvidenceStorage } from '../storage/evidence-storage.port';

export class ListEvidenceQuery {
  constructor(
    readonly kind: EvidenceRecordKind,
    readonly recordId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}

export interface EvidenceList {
  recordId: string;
  version: number;
  items: EvidenceFileView[];
}

/** The files a record keeps now, oldest first, from its stream (never behind); removed ones are on its timeline. */
@QueryHandler(ListEvidenceQuery)
export class ListEvidenceHandler implements IQueryHandler<ListEvidenceQuery, EvidenceList> {
  constructor(private readonly streams: EvidenceStreams) {}

  async execute({ kind, recordId, actor }: ListEvidenceQuery): Promise<EvidenceList> {
    const { state, version } = await this.streams.load(kind, recordId, actor);
    return { recordId, version, items: await this.streams.views(kind, recordId, state.evidence.files) };
  }
}

export class GetEvidenceFileQuery {
  constructor(
    readonly kind: EvidenceRecordKind,
    readonly recordId: string,
    readonly fileId: string,
    readonly actor: AuthenticatedActor,
  ) {}
}

export interface EvidenceDownload {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** One file's bytes, for those who see the record. A removed file is 404; one erased with a person is 410. */
@QueryHandler(GetEvidenceFileQuery)
export class GetEvidenceFileHandler implements IQueryHandler<GetEvidenceFileQuery, EvidenceDownload> {
  constructor(
    private readonly streams: EvidenceStreams,
    private readonly dataSource: DataSource,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  async execute({ kind, recordId, fileId, actor }: GetEvidenceFileQuery): Promise<EvidenceDownload> {
    const { state } = await this.streams.load(kind, recordId, actor);
    const file = state.evidence.files.find((f) => f.fileId === fileId);
    if (!file) throw new DomainError('not_found', 'No such evidence file on this record');
    const erased = (await this.dataSource.query(`SELECT 1 FROM evidence_erasures WHERE file_id = $1`, [fileId])) as unknown[];
    const content = erased.length ? undefined : await this.storage.get(fileId);
    if (!content) throw new GoneError('The file was erased with the personal data of a person named in the record; the fact that it was attached stays');
    return { fileName: file.fileName, contentType: file.contentType, content };
  }
}

/** 410: the record says the file was there, and its bytes are gone for good. */
export class GoneError extends Error {
  readonly code = 'gone';
  constructor(message: string) {
    super(message);
    this.name = 'GoneError';
  }
}
