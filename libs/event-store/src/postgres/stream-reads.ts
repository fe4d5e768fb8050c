/** Reads whole streams: each id given is a key of the answer, its rows in version order. */
export type FetchStreams<Row> = (streamIds: string[]) => Promise<Map<string, Row[]>>;

interface Reader<Row> {
  resolve(rows: Row[]): void;
  reject(error: unknown): void;
}

/**
 * Whole-stream reads, together, as appends commit together: a read asked while `maxInFlight`
 * reads are out waits, and those that waited go in one query when one returns. Under many
 * concurrent commands (the demo year plays 128 at a time, the API serves as many as it has
 * connections) that is one round trip, one statement and one wake-up of PostgreSQL for a few
 * dozen streams instead of one each; a lone read goes at once, as before.
 *
 * A read is always answered by a query sent after it was asked, so it sees every append that had
 * committed by then: a command that reads a stream after its own append (or anyone's) returned
 * sees that append. Readers of the same stream in one query get the same rows, each turned into
 * events of its own by the caller.
 */
export class StreamReads<Row> {
  private waiting = new Map<string, Reader<Row>[]>();
  private inFlight = 0;

  constructor(
    private readonly fetch: FetchStreams<Row>,
    private readonly maxInFlight: number,
    /** The most streams in one query. */
    private readonly maxStreams: number,
  ) {}

  read(streamId: string): Promise<Row[]> {
    return new Promise<Row[]>((resolve, reject) => {
      const readers = this.waiting.get(streamId);
      if (readers) readers.push({ resolve, reject });
      else this.waiting.set(streamId, [{ resolve, reject }]);
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.size > 0) {
      const batch = new Map<string, Reader<Row>[]>();
      for (const [streamId, readers] of this.waiting) {
        if (batch.size === this.maxStreams) break;
        batch.set(streamId, readers);
      }
      for (const streamId of batch.keys()) this.waiting.delete(streamId);
      this.inFlight++;
      void this.fetch([...batch.keys()])
        .then(
          (streams) => {
            for (const [streamId, readers] of batch) for (const reader of readers) reader.resolve(streams.get(streamId) ?? []);
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
