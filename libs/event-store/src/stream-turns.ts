/**
 * Writers of one stream in this process take turns: a command reads, decides and appends while
 * the next one waits, so 100 step logs at once on one case make 100 appends, not 99 conflicts
 * (and 16 case openings at once in one sub-district take 16 numbers, not rounds of races).
 * Keyed by stream id only; a turn is given up however the attempt ends. Races are left only
 * between processes (API replicas, the worker), and their losers read again.
 */
const turns = new Map<string, Promise<void>>();

export async function inTurn<T>(streamId: string, work: () => Promise<T>): Promise<T> {
  const before = turns.get(streamId) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const chain = before.then(() => mine);
  turns.set(streamId, chain);
  await before;
  try {
    return await work();
  } finally {
    release();
    if (turns.get(streamId) === chain) turns.delete(streamId);
  }
}
