/**
 * Whole streams this process read lately, row by row, so that the next read of one asks
 * PostgreSQL only for its events from the last one known on (that one included, to check the
 * stream is still the one known). A stream's events never change once appended, so what is kept
 * stays true; what is new is always read. Every command reads its record's whole stream, and a
 * case's stream only grows: without this, a command on a case with hundreds of steps read them
 * all from PostgreSQL every time (docs/benchmarks.md, 2026-12-04, late).
 *
 * The rows are shared by every read of the stream, so their data and metadata are frozen when
 * kept: a caller that changed an event it was given would change it for every later reader, and
 * now fails at once instead. At most `maxRows` rows are kept, the streams read longest ago going
 * first.
 */
export class KnownStreams<Row extends unknown[]> {
  private readonly streams = new Map<string, Row[]>();
  private rows = 0;

  constructor(private readonly maxRows: number) {}

  /** The rows kept of a stream (now the most recently used), or undefined. */
  get(streamId: string): Row[] | undefined {
    const rows = this.streams.get(streamId);
    if (rows) {
      this.streams.delete(streamId);
      this.streams.set(streamId, rows);
    }
    return rows;
  }

  /**
   * Keeps `rows` as the stream's, frozen (a row kept before is frozen already and passed over at
   * once). A shorter read than the one kept (two reads that crossed) changes nothing.
   */
  keep(streamId: string, rows: Row[]): void {
    for (const row of rows) deepFreeze(row);
    const held = this.streams.get(streamId);
    if (held && held.length > rows.length) return;
    this.forget(streamId);
    // An empty stream is nothing to check a later read against; one too long would push out all the others.
    if (rows.length === 0 || rows.length > this.maxRows) return;
    this.streams.set(streamId, rows);
    this.rows += rows.length;
    for (const [oldest, its] of this.streams) {
      if (this.rows <= this.maxRows) break;
      this.streams.delete(oldest);
      this.rows -= its.length;
    }
  }

  forget(streamId: string): void {
    const held = this.streams.get(streamId);
    if (!held) return;
    this.streams.delete(streamId);
    this.rows -= held.length;
  }
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
