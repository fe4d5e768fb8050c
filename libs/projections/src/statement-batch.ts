import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { RowWrites } from './row-writes';
// pg's own conversion of a parameter to its text form (Dates, arrays, objects as JSON) and its quoting.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue, escapeLiteral } = require('pg/lib/utils') as {
  prepareValue(value: unknown): string | null;
  escapeLiteral(text: string): string;
};

/** Statements per round trip: a rebuild's page of events goes in a few. */
const STATEMENTS_PER_TRIP = 500;

/**
 * The writes a projection makes for a batch of events, sent together: one round trip for many
 * statements instead of one each. The statements run in the order they were added, in the
 * batch's transaction, exactly as if sent one by one (their parameters are inlined as quoted
 * literals, typed by their context as untyped parameters are). For projections that only write
 * while they apply a batch: a read in between would not see the statements still held here.
 */
export class StatementBatch {
  private statements: string[] = [];
  private readonly rowWrites = new Map<EntityTarget<ObjectLiteral>, RowWrites<ObjectLiteral>>();

  constructor(private readonly tx: EntityManager) {}

  add(sql: string, params: unknown[] = []): void {
    // One pass: text that a value brings in is never read again as a placeholder.
    const text = sql.replace(/\$([0-9]+)/g, (_, n: string) => {
      const index = Number(n) - 1;
      if (index >= params.length) throw new Error(`StatementBatch: no parameter $${n}`);
      const value = prepareValue(params[index]);
      return value === null ? 'NULL' : escapeLiteral(value);
    });
    this.statements.push(text);
  }

  /** A TypeORM insert or update built on this transaction's manager. */
  addBuilder(builder: { getQueryAndParameters(): [string, unknown[]] }): void {
    const [sql, params] = builder.getQueryAndParameters();
    this.add(sql, params);
  }

  insert<T extends ObjectLiteral>(entity: EntityTarget<T>, values: Partial<T>): void {
    for (const { sql, params } of this.writes(entity).insert([values])) this.add(sql, params);
  }

  update<T extends ObjectLiteral>(entity: EntityTarget<T>, id: string, values: Partial<T>): void {
    const { sql, params } = this.writes(entity).update(id, values);
    this.add(sql, params);
  }

  private writes<T extends ObjectLiteral>(entity: EntityTarget<T>): RowWrites<T> {
    let writes = this.rowWrites.get(entity);
    if (!writes) this.rowWrites.set(entity, (writes = new RowWrites(this.tx, entity)));
    return writes as RowWrites<T>;
  }

  async flush(): Promise<void> {
    while (this.statements.length) {
      const trip = this.statements.splice(0, STATEMENTS_PER_TRIP);
      // No parameters: the simple query protocol, which runs several statements in one message.
      await this.tx.query(trip.join(';\n'));
    }
  }
}
