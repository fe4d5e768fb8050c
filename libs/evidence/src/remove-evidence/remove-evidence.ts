import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, invalidField } from '@lc/decider';
import { CommandMeta } from '@lc/access';
import { EvidenceRecordKind } from '../evidence/evidence-records';
import { EvidenceStreams } from '../evidence/evidence-streams';
import { EVIDENCE_STORAGE, EvidenceStorage } from '../storage/evidence-storage.port';

export class RemoveEvidenceCommand {
  constructor(
    readonly kind: EvidenceRecordKind,
    readonly recordId: string,
    readonly fileId: string,
    readonly meta: CommandMeta,
  ) {}
}

export interface EvidenceRemovedAnswer {
  recordId: string;
  fileId: string;
  version: number;
}

/**
 * Removes a file: EvidenceRemoved is appended (the fact stays: who, when, which file and its
 * hash), then the bytes are deleted. The worker's evidence projection deletes them too for every
 * EvidenceRemoved, so a crash between the two leaves no bytes behind for long. An informant may
 * remove only what they attached themselves.
 */
@CommandHandler(RemoveEvidenceCommand)
export class RemoveEvidenceHandler implements ICommandHandler<RemoveEvidenceCommand, EvidenceRemovedAnswer> {
  constructor(
    private readonly streams: EvidenceStreams,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  async execute({ kind, recordId, fileId, meta: { actor, idempotencyKey } }: RemoveEvidenceCommand): Promise<EvidenceRemovedAnswer> {
    // The idempotency interceptor checks keys on POST and PATCH; a DELETE's key is checked here, the same way.
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw invalidField('Idempotency-Key', 'must be 1-200 visible ASCII characters, e.g. a UUID');
    }
    const result = await this.streams.change(kind, recordId, actor, { type: 'RemoveEvidence', fileId }, idempotencyKey, (state) => {
      const file = state.evidence.files.find((f) => f.fileId === fileId);
      if (file && actor.role === 'informant' && file.attachedBy !== actor.id) {
        throw new DomainError('forbidden', 'An informant may remove only the files they attached');
      }
    });
    await this.storage.delete(fileId);
    return { recordId, fileId, version: result.version };
  }
}
