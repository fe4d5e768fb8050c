import { EvidenceStorage, StoredEvidence } from './evidence-storage.port';

export type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

/**
 * The bytes in a table of their own (evidence_files, bytea): nothing else to run. Fine for a
 * district's evidence (thousands of files of a few MB); a bigger store moves to the S3 adapter.
 */
export class PostgresEvidenceStorage implements EvidenceStorage {
  readonly name = 'postgres';

  constructor(private readonly query: Query) {}

  async put(file: StoredEvidence): Promise<void> {
    await this.query(
      `INSERT INTO evidence_files (file_id, content, content_type, sha256, size_bytes)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (file_id) DO UPDATE SET content = EXCLUDED.content, content_type = EXCLUDED.content_type,
         sha256 = EXCLUDED.sha256, size_bytes = EXCLUDED.size_bytes, stored_at = now()`,
      [file.fileId, file.content, file.contentType, file.sha256, file.content.length],
    );
  }

  async get(fileId: string): Promise<Buffer | undefined> {
    const rows = (await this.query(`SELECT content FROM evidence_files WHERE file_id = $1`, [fileId])) as Array<{ content: Buffer }>;
    return rows[0]?.content;
  }

  async delete(fileId: string): Promise<void> {
    await this.query(`DELETE FROM evidence_files WHERE file_id = $1`, [fileId]);
  }
}
