/** Reads rows by key (stream ids, session ids): each key given is a key of the answer, with its rows. */
export type FetchByKeys<Row> = (keys: string[]) => Promise<Map<string, Row[]>>;

interface Reader<Row> {
  resolve(rows: Row[]): void;
  reject(error: unknown): void;
}

/**
 * Reads by key, together, as appends commit together: a read asked while `maxInFlight` reads are
 * out waits, and those that waited go in one query when one returns. Under many concurrent
 * requests (the demo year plays 128 commands at a time, the API serves as many as it has
 * connections) that is one round trip, one statement and one wake-up of PostgreSQL for a few
 * dozen keys instead of one each; a lone read goes at once. The event store reads whole streams
 * and streams' last events this way, the access guard its sessions.
 *
 * A read is always answered by a query sent after it was asked, so it sees every write that had
 * committed by then: a command that reads a stream after its own append (or anyone's) returned
 * sees that append, a request after a logout sees the session ended. Readers of the same key in
 * one query get the same rows, each turned into what it needs by the caller.
 */
export class KeyedReads<Row> {
  private waiting = new Map<string, Reader<Row>[]>();
  private inFlight = 0;

  constructor(
    private readonly fetch: FetchByKeys<Row>,
    private readonly maxInFlight: number,
    /** The most keys in one query. */
    private readonly maxKeys: number,
  ) {}

  read(key: string): Promise<Row[]> {
    return new Promise<Row[]>((resolve, reject) => {
      const readers = this.waiting.get(key);
      if (readers) readers.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.size > 0) {
      const batch = new Map<string, Reader<Row>[]>();
      for (const [key, readers] of this.waiting) {
        if (batch.size === this.maxKeys) break;
        batch.set(key, readers);
      }
      for (const key of batch.keys()) this.waiting.delete(key);
      this.inFlight++;
      void this.fetch([...batch.keys()])
        .then(
          (rows) => {
            for (const [key, readers] of batch) for (const reader of readers) reader.resolve(rows.get(key) ?? []);
          },
          (error: unknown) => {
            for (const readers of batch.values()) for (const reader of readers) reader.reject(error);
          },
        )
        .finally(() => {
          this.inFlight--;
          this.flush();
        });
    }
  }
}
