import { createHash, randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, invalidField } from '@lc/decider';
import { deterministicUuid } from '@lc/event-store';
import { commandKey } from '@lc/http';
import { CommandMeta } from '@lc/access';
import { EvidenceRecordKind } from '../evidence/evidence-records';
import { EvidenceFileView, EvidenceStreams } from '../evidence/evidence-streams';
import { EVIDENCE_ATTACHED, EvidenceAttachedData } from '../evidence/evidence.decider';
import { describeContent, EVIDENCE_TYPES, sniffEvidenceType } from '../evidence/file-type';
import { UnsupportedFileTypeError } from '../http/evidence-upload.interceptor';
import { EVIDENCE_STORAGE, EvidenceStorage } from '../storage/evidence-storage.port';

export class AttachEvidenceCommand {
  constructor(
    readonly kind: EvidenceRecordKind,
    readonly recordId: string,
    readonly upload: { content: Buffer; fileName: string; description: string },
    readonly meta: CommandMeta,
  ) {}
}

export interface EvidenceAttachedAnswer {
  recordId: string;
  /** The record's version after the upload (its ETag). */
  version: number;
  /** False when the record held these bytes already: the same file twice is one file. */
  created: boolean;
  file: EvidenceFileView;
}

/**
 * An evidence file attached to a record. The type is told from the bytes; the bytes go to the
 * storage before the event, so an event never names a file that is not there, and bytes no event
 * names (a refused or lost race) are deleted again. The same bytes twice on one record answer the
 * file already there and append nothing; the Idempotency-Key replays its first answer (another
 * file under the same key is a 422).
 */
@CommandHandler(AttachEvidenceCommand)
export class AttachEvidenceHandler implements ICommandHandler<AttachEvidenceCommand, EvidenceAttachedAnswer> {
  constructor(
    private readonly streams: EvidenceStreams,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  async execute({ kind, recordId, upload, meta: { actor, idempotencyKey } }: AttachEvidenceCommand): Promise<EvidenceAttachedAnswer> {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw invalidField('Idempotency-Key', 'must be 1-200 visible ASCII characters, e.g. a UUID');
    }
    const type = sniffEvidenceType(upload.content);
    if (!type) {
      throw new UnsupportedFileTypeError(
        `is ${describeContent(upload.content)} by its content, whatever its name says: accepted are PDF, JPEG, PNG, HEIC, DOCX and XLSX`,
      );
    }
    const sha256 = createHash('sha256').update(upload.content).digest('hex');
    const streamId = this.streams.streamOf(kind, recordId);
    const key = commandKey(actor, idempotencyKey);

    const { state, events } = await this.streams.load(kind, recordId, actor);
    if (key) {
      const first = events.find((e) => e.eventId === deterministicUuid(key, streamId, '0'));
      if (first) {
        const data = first.data as unknown as EvidenceAttachedData;
        if (first.type !== EVIDENCE_ATTACHED || data.sha256 !== sha256) {
          throw new DomainError('unprocessable', 'This Idempotency-Key was used for a different request', [
            { field: 'Idempotency-Key', message: 'was used for another file: send a new key for another upload' },
          ]);
        }
        return this.answer(kind, recordId, state.evidence.files.find((f) => f.sha256 === sha256) ?? data, events.at(-1)!.streamVersion, true);
      }
    }
    const present = state.evidence.files.find((f) => f.sha256 === sha256);
    if (present) return this.answer(kind, recordId, present, events.at(-1)?.streamVersion ?? 0, false);

    const fileId = key ? deterministicUuid(key, streamId, 'evidence-file') : randomUUID();
    await this.storage.put({ fileId, content: upload.content, contentType: EVIDENCE_TYPES[type].contentType, sha256 });
    try {
      const result = await this.streams.change(
        kind,
        recordId,
        actor,
        {
          type: 'AttachEvidence',
          fileId,
          sha256,
          contentType: EVIDENCE_TYPES[type].contentType,
          sizeBytes: upload.content.length,
          fileName: upload.fileName,
          description: upload.description,
        },
        idempotencyKey,
      );
      const file = result.state.evidence.files.find((f) => f.sha256 === sha256);
      if (!file) throw new Error(`evidence ${sha256} is not on ${streamId} after its attachment`);
      // Another request attached the same bytes meanwhile: theirs is the file, these bytes go.
      if (file.fileId !== fileId) await this.storage.delete(fileId);
      return this.answer(kind, recordId, file, result.version, result.events.length > 0);
    } catch (error) {
      await this.storage.delete(fileId).catch(() => undefined);
      throw error;
    }
  }

  private async answer(kind: EvidenceRecordKind, recordId: string, file: EvidenceAttachedData, version: number, created: boolean) {
    const [view] = await this.streams.views(kind, recordId, [file]);
    if (!view) throw new DomainError('not_found', 'No such evidence file');
    return { recordId, version, created, file: view };
  }
}
