/** Positions of the PostgreSQL log, `<transaction id>-<global position>`, compared in the log's order (ADR 0004). */

/** A position as a comparable pair: (transaction id, global position); "the start" is below every event. */
export function rank(position: string | undefined): [bigint, bigint] {
  if (position === undefined) return [-1n, -1n];
  const dash = position.indexOf('-');
  return [BigInt(position.slice(0, dash)), BigInt(position.slice(dash + 1))];
}

export function after(a: [bigint, bigint], b: [bigint, bigint]): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
}

/** The later of two positions. */
export function laterOf(a: string | undefined, b: string): string {
  return after(rank(a), rank(b)) ? a! : b;
}

/** The largest global position PostgreSQL's bigint holds. */
const LAST_POSITION = 9223372036854775807n;

/**
 * The position after every event of the transactions below `horizon` (ADR 0004: they have all
 * ended, so none of them will ever add an event): a reader that has read everything below the
 * horizon may go on from here, however long ago the last event it wanted was.
 */
export function belowHorizon(horizon: string): string {
  return `${BigInt(horizon) - 1n}-${LAST_POSITION}`;
}
