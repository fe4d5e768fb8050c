import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clocks carry their record's employer by credit code too, so that `/clocks?creditCode=` filters
 * as every list of records with an employer does. The clocks projection fills it from the
 * record's stream; emptying the table and its checkpoint makes the worker replay it once.
 */
export class ClockEmployerCreditCodes1764700000181 implements MigrationInterface {
  name = 'ClockEmployerCreditCodes1764700000181';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clocks ADD COLUMN employer_credit_code text`);
    await q.query(`CREATE INDEX clocks_employer_running ON clocks (employer_credit_code, deadline_at) WHERE running`);
    await q.query(`TRUNCATE clocks`);
    await q.query(`DELETE FROM projection_checkpoints WHERE name = 'clocks'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX clocks_employer_running`);
    await q.query(`ALTER TABLE clocks DROP COLUMN employer_credit_code`);
  }
}
