import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
// pg's own conversion of a parameter to its text form (Dates, arrays, objects as JSON), as a query sends it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue(value: unknown): string | Buffer | null };

/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 65_535;
/**
 * From how many values (rows x columns) a write is staged (ADR 0019): a rebuild's page writes
 * thousands of rows; a live batch's few go as VALUES, one round trip instead of three, and leave
 * the session's temporary tables alone (each commit of a transaction that used them empties them
 * all, a file truncation each). With every write of two rows staged, the statistics' lag under
 * the HTTP load was 399 ms at the median, against 82-127 ms for the other read models.
 */
const STAGED_FROM = 2_000;

/** A statement with its parameters ($1...), as `tx.query` takes them. */
export interface RowStatement {
  sql: string;
  params: unknown[];
}

/**
 * The statements TypeORM's `insert()`, `upsert()` and `update()` would send, built without its
 * query builders: a rebuild spent seconds of CPU in them (parameter bookkeeping per value). Each
 * value goes through the driver's own `preparePersistentValue` (transformers, JSON, dates), an
 * undefined value is the column's DEFAULT on insert and left out on update, as TypeORM does. For
 * plain entities only: version, discriminator and generated columns are refused.
 */
export class RowWrites<T extends ObjectLiteral> {
  private readonly table: string;
  private readonly columns: ColumnMetadata[];
  private readonly byProperty: Map<string, ColumnMetadata>;
  /** Each column's conversion of a value, decided once (see preparer). */
  private readonly preparers: Map<ColumnMetadata, (value: unknown) => unknown>;
  /** Each column's value of a row, read as TypeORM reads it, decided once (see reader). */
  private readonly readers: Map<ColumnMetadata, (row: ObjectLiteral) => unknown>;

  constructor(
    private readonly tx: EntityManager,
    entity: EntityTarget<T>,
    /** The values (rows x columns) from which `write` stages rows and `add` copies them, instead of sending VALUES. */
    private readonly stagedFrom = STAGED_FROM,
  ) {
    const metadata = tx.connection.getMetadata(entity);
    const unsupported = metadata.columns.find((c) => c.isVersion || c.isDiscriminator || c.isGenerated || c.isUpdateDate || c.isCreateDate);
    if (unsupported) throw new Error(`RowWrites: ${metadata.tableName}.${unsupported.databaseName} is not a plain column`);
    this.table = quote(metadata.tablePath);
    this.columns = metadata.columns.filter((c) => c.isInsert);
    this.byProperty = new Map(this.columns.map((c) => [c.propertyPath, c]));
    this.preparers = new Map(this.columns.map((c) => [c, preparer(tx, c)]));
    this.readers = new Map(this.columns.map((c) => [c, reader(c)]));
  }

  /**
   * Multi-row INSERTs of `rows`, as few as PostgreSQL's parameter limit allows. With `conflict`
   * (property names), an upsert like TypeORM's: on a conflict, every column that some row gives
   * takes the new value.
   */
  insert(rows: Partial<T>[], conflict?: (keyof T & string)[]): RowStatement[] {
    if (rows.length === 0) return [];
    const names = this.columns.map((c) => quote(c.databaseName)).join(', ');
    const onConflict = this.onConflict(rows, conflict);
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / this.columns.length));
    const statements: RowStatement[] = [];
    for (let i = 0; i < rows.length; i += perStatement) {
      const params: unknown[] = [];
      const tuples = rows.slice(i, i + perStatement).map((row) => {
        let tuple = '(';
        for (let c = 0; c < this.columns.length; c++) {
          const value = this.valueOf(this.columns[c], row);
          if (c > 0) tuple += ', ';
          if (value === undefined) {
            tuple += 'DEFAULT';
          } else {
            params.push(value);
            tuple += placeholder(params.length);
          }
        }
        return `${tuple})`;
      });
      statements.push({ sql: `INSERT INTO ${this.table}(${names}) VALUES ${tuples.join(', ')}${onConflict}`, params });
    }
    return statements;
  }

  /** On a conflict on `conflict`, every column that some row gives takes the new value. */
  private onConflict(rows: Partial<T>[], conflict?: (keyof T & string)[]): string {
    if (!conflict) return '';
    const target = conflict.map((p) => quote(this.column(p).databaseName));
    const overwrite = this.columns
      .filter((c) => !conflict.includes(c.propertyPath as keyof T & string) && rows.some((r) => this.readers.get(c)!(r) !== undefined))
      .map((c) => quote(c.databaseName));
    return ` ON CONFLICT ( ${target.join(', ')} ) DO UPDATE SET ${[...target, ...overwrite].map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`;
  }

  /** UPDATE of the row whose `id` is given, setting the defined values of `values`. */
  update(id: unknown, values: Partial<T>): RowStatement {
    const params: unknown[] = [];
    const sets: string[] = [];
    for (const [property, raw] of Object.entries(values)) {
      if (raw === undefined) continue;
      const column = this.column(property);
      if (!column.isUpdate) continue;
      params.push(this.prepare(column, raw));
      sets.push(`${quote(column.databaseName)} = $${params.length}`);
    }
    if (sets.length === 0) throw new Error(`RowWrites: nothing to update in ${this.table}`);
    params.push(id);
    return { sql: `UPDATE ${this.table} SET ${sets.join(', ')} WHERE id = $${params.length}`, params };
  }

  /**
   * Adds rows in this transaction, for plain inserts (no conflict to resolve): many rows
   * (`stagedFrom` values) by COPY, which PostgreSQL then neither parses nor plans as a statement of
   * thousands of parameters; a live batch's few as one multi-row INSERT, one round trip where COPY
   * takes two and a stream on each side (the timeline's live COPYs took 5 ms each under the HTTP
   * load). Every row must give the same columns (a column no row gives takes its DEFAULT).
   */
  async add(rows: Partial<T>[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = this.givenByAll(rows);
    if (!columns) throw new Error(`RowWrites: the rows to add to ${this.table} do not all give the same columns`);
    if (rows.length * columns.length < this.stagedFrom) return this.run(this.insert(rows));
    await this.copyInto(this.table, columns, rows);
  }

  /**
   * Inserts (with `conflict`, upserts: see insert) rows in this transaction. Many rows (STAGED_FROM
   * values) that all give the same columns are copied into a temporary table of this session and
   * written from there with one INSERT ... SELECT: PostgreSQL then neither parses nor plans a
   * statement of thousands of parameters (a quarter of its CPU in a rebuild; the staged write
   * costs it about a third of a multi-row VALUES, and node about half). Other rows go as VALUES
   * (insert), in one round trip instead of three.
   */
  async write(rows: Partial<T>[], conflict?: (keyof T & string)[]): Promise<void> {
    const columns = rows.length > 1 && rows.length * this.columns.length >= this.stagedFrom ? this.givenByAll(rows) : undefined;
    if (!columns) return this.run(this.insert(rows, conflict));
    const names = columns.map((c) => quote(c.databaseName)).join(', ');
    const stage = stageName(this.table, names);
    // Only the given columns, no constraint, no default (a read model's own default would be
    // taken twice); emptied at commit, and after each use for a second one in the same
    // transaction. Temporary tables belong to the session: no other transaction sees this one.
    await this.tx.query(`CREATE TEMPORARY TABLE IF NOT EXISTS ${stage} ON COMMIT DELETE ROWS AS SELECT ${names} FROM ${this.table} WITH NO DATA`);
    await this.copyInto(stage, columns, rows);
    await this.tx.query(`INSERT INTO ${this.table}(${names}) SELECT ${names} FROM ${stage}${this.onConflict(rows, conflict)}; DELETE FROM ${stage}`);
  }

  /** The columns every row gives, when every other column is given by none; else undefined. */
  private givenByAll(rows: Partial<T>[]): ColumnMetadata[] | undefined {
    const given = this.columns.filter((c) => this.readers.get(c)!(rows[0]) !== undefined);
    for (const row of rows) {
      for (const column of this.columns) {
        if ((this.readers.get(column)!(row) !== undefined) !== given.includes(column)) return undefined;
      }
    }
    return given;
  }

  /** COPY of the rows into `target`, on the transaction's connection. */
  private async copyInto(target: string, columns: ColumnMetadata[], rows: Partial<T>[]): Promise<void> {
    // Each row's text is made as one short string and written at once into buffers: a page's text
    // held as one string of all its rows (a rope of hundreds of thousands of pieces) lived through
    // the young generation's collections and was copied by each of them, then copied again whole
    // into a buffer for the socket (a rebuild's largest allocations: its young-generation pauses
    // came to 12.4 s over 1,000,000 events, 10.5 s now).
    const text = new CopyText();
    for (const row of rows) {
      let line = '';
      for (let c = 0; c < columns.length; c++) {
        const value = copyText(this.valueOf(columns[c], row));
        line += c === 0 ? value : `\t${value}`;
      }
      text.add(`${line}\n`);
    }
    const client = (await this.tx.queryRunner!.connect()) as PoolClient;
    const names = columns.map((c) => quote(c.databaseName)).join(', ');
    await pipeline(Readable.from(text.chunks()), client.query(copyFrom(`COPY ${target} (${names}) FROM STDIN`)));
  }

  /** Runs the statements in this transaction, one after another. */
  async run(statements: RowStatement[]): Promise<void> {
    for (const statement of statements) await this.tx.query(statement.sql, statement.params);
  }

  private column(property: string): ColumnMetadata {
    const column = this.byProperty.get(property);
    if (!column) throw new Error(`RowWrites: ${this.table} has no property ${property}`);
    return column;
  }

  private prepare(column: ColumnMetadata, value: unknown): unknown {
    return this.preparers.get(column)!(value);
  }

  /** A row's value for a column, prepared for the driver; undefined when the row does not give it. */
  private valueOf(column: ColumnMetadata, row: ObjectLiteral): unknown {
    return this.preparers.get(column)!(this.readers.get(column)!(row));
  }
}

/**
 * The temporary table that stages rows of `table` with these columns: one per table and column
 * list in this process, made by each session at its first use (see write).
 */
function stageName(table: string, names: string): string {
  const key = `${table}(${names})`;
  let name = STAGES.get(key);
  if (!name) STAGES.set(key, (name = `"lc_stage_${STAGES.size + 1}"`));
  return name;
}
const STAGES = new Map<string, string>();

/** $1 ... $65535, made once: a rebuild's multi-row inserts name hundreds of thousands of parameters. */
const PLACEHOLDERS: string[] = [];
function placeholder(n: number): string {
  return (PLACEHOLDERS[n] ??= `$${n}`);
}

/**
 * How to read a column's value from a row: the property itself for a plain column (most of them),
 * TypeORM's `getEntityValue` for a column of an embedded object or a relation.
 */
function reader(column: ColumnMetadata): (row: ObjectLiteral) => unknown {
  if (column.embeddedMetadata || column.relationMetadata || column.propertyPath !== column.propertyName) return (row) => column.getEntityValue(row);
  const property = column.propertyName;
  return (row) => row[property];
}

/** Column types that the PostgreSQL driver's `preparePersistentValue` hands back unchanged. */
const UNCHANGED_TYPES = new Set<unknown>(['text', 'varchar', 'character varying', 'uuid', 'int', 'integer', 'int4', 'smallint', 'bigint', 'int8', 'numeric', 'boolean', 'bool']);

/**
 * The driver's conversion for a column, or none where it would change nothing: it walks a chain
 * of type checks and builds an array for every value, most of them text and numbers (a rebuild's
 * profile: 1.3 % of its samples there before, 0.8 % after).
 */
function preparer(tx: EntityManager, column: ColumnMetadata): (value: unknown) => unknown {
  if (!column.transformer && UNCHANGED_TYPES.has(column.type)) return (value) => value;
  const driver = tx.connection.driver;
  if (!column.transformer && INSTANT_TYPES.has(column.type)) {
    // The same instant as pg's own conversion would write (local time with its offset), in one
    // native call instead of a dozen small strings per value: the timeline writes one per event.
    return (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : driver.preparePersistentValue(value, column));
  }
  return (value) => driver.preparePersistentValue(value, column);
}
/** Column types of an instant (timestamptz): any written form of the same instant is the same value. */
const INSTANT_TYPES = new Set<unknown>(['timestamptz', 'timestamp with time zone']);

/** Text in UTF-8, in buffers of about a megabyte (outside the JavaScript heap). */
class CopyText {
  private static readonly CHUNK = 1 << 20;
  private readonly full: Buffer[] = [];
  private chunk = Buffer.allocUnsafe(CopyText.CHUNK);
  private at = 0;

  add(text: string): void {
    const most = text.length * 3; // UTF-8 bytes of a JavaScript string, at most
    if (this.at + most > this.chunk.length) {
      if (this.at > 0) this.full.push(this.chunk.subarray(0, this.at));
      this.chunk = Buffer.allocUnsafe(Math.max(CopyText.CHUNK, most));
      this.at = 0;
    }
    this.at += this.chunk.write(text, this.at);
  }

  chunks(): Buffer[] {
    return this.at > 0 ? [...this.full, this.chunk.subarray(0, this.at)] : this.full;
  }
}

/** A value in COPY's text format: NULL as \N, and the backslash, tab, newline and return escaped. */
function copyText(value: unknown): string {
  const text = typeof value === 'string' ? value : prepareValue(value);
  if (text === null) return '\\N';
  if (Buffer.isBuffer(text)) return `\\\\x${text.toString('hex')}`;
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]) : text;
}
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function quote(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part}"`)
    .join('.');
}

/** Adds entities' rows in this transaction: COPY for many, one INSERT for a few (see RowWrites.add). */
export async function addRows<T extends ObjectLiteral>(tx: EntityManager, entity: EntityTarget<T>, rows: Partial<T>[]): Promise<void> {
  await new RowWrites(tx, entity).add(rows);
}

/** Inserts (or, with `conflict`, upserts) entities' rows in this transaction with a few multi-row statements. */
export async function writeRows<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  rows: Partial<T>[],
  conflict?: (keyof T & string)[],
): Promise<void> {
  await new RowWrites(tx, entity).write(rows, conflict);
}
