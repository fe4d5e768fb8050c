/**
 * Where evidence files' bytes are kept, apart from the event log (which records only their id,
 * hash, type and size). PostgreSQL by default, so the README's two commands need nothing else; an
 * S3-compatible object store in production. Both pass the contract suite (evidence-storage.contract.ts).
 */
export interface EvidenceStorage {
  /** For logs and the contract suite's names. */
  readonly name: string;
  /** Keeps the bytes under the file's id; putting the same id again replaces them (a retried upload). */
  put(file: StoredEvidence): Promise<void>;
  /** The bytes, or undefined when there are none (never stored, deleted, erased). */
  get(fileId: string): Promise<Buffer | undefined>;
  /** Deletes the bytes; deleting what is not there is not an error. */
  delete(fileId: string): Promise<void>;
}

export interface StoredEvidence {
  fileId: string;
  content: Buffer;
  contentType: string;
  sha256: string;
}

export const EVIDENCE_STORAGE = Symbol('EVIDENCE_STORAGE');
