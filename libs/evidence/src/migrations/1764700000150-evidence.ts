import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence files (issue 15): their bytes (evidence_files, the PostgreSQL storage adapter; unused
 * with EVIDENCE_STORE=s3), and the evidence-erasures projection's tables: which persons each
 * record names, which files each record holds, and which files were erased with a person.
 */
export class Evidence1764700000150 implements MigrationInterface {
  name = 'Evidence1764700000150';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evidence_files (
        file_id      uuid        PRIMARY KEY,
        content      bytea       NOT NULL,
        content_type text        NOT NULL,
        sha256       text        NOT NULL,
        size_bytes   bigint      NOT NULL,
        stored_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE evidence_record_persons (
        stream_id  text NOT NULL,
        person_id  text NOT NULL,
        PRIMARY KEY (person_id, stream_id)
      )`);
    await q.query(`
      CREATE TABLE evidence_informant_persons (
        informant_id text PRIMARY KEY,
        person_id    text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE evidence_record_files (
        file_id    uuid PRIMARY KEY,
        stream_id  text NOT NULL,
        removed    boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX evidence_record_files_stream ON evidence_record_files (stream_id)`);
    await q.query(`
      CREATE TABLE evidence_erasures (
        file_id    uuid        PRIMARY KEY,
        stream_id  text        NOT NULL,
        person_id  text        NOT NULL,
        erased_at  timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evidence_erasures`);
    await q.query(`DROP TABLE evidence_record_files`);
    await q.query(`DROP TABLE evidence_informant_persons`);
    await q.query(`DROP TABLE evidence_record_persons`);
    await q.query(`DROP TABLE evidence_files`);
  }
}
