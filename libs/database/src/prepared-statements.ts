import { createHash } from 'node:crypto';
import { Client } from 'pg';

/**
 * Statements that PostgreSQL parses once per connection, and plans once when a plan for any
 * parameters serves (ADR 0020). An unnamed statement is parsed, analysed and planned on every
 * call: under the bench's HTTP load that was about a third of PostgreSQL's CPU, more than it spent
 * executing them, for statements that are index probes whatever their parameters.
 *
 * Only texts marked with `prepared` go as named statements, and only through a pool of
 * PreparingClient (the read models' and the event store's pools, unless
 * DATABASE_PREPARED_STATEMENTS=false). Mark a statement only when every plan PostgreSQL could
 * keep for it is fine: after five executions it may keep a generic plan, made without the
 * parameters' values, until the table's statistics change. An equality on a unique or leading
 * index column is such a statement; a range whose best plan depends on its bounds, or a filter
 * that a NULL parameter switches off, is not.
 */
const names = new Map<string, string>();

/** Marks `text` as a statement to prepare, and returns it unchanged (so it goes wherever a text goes). */
export function prepared(text: string): string {
  if (!names.has(text)) names.set(text, `lc_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`);
  return text;
}

/** The name `text` is prepared under, when it is marked. */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}

/**
 * A node-postgres client that sends marked texts as named statements: node-postgres then parses
 * each once on the connection and binds it on every later call. What callers send is unchanged
 * (a text and its values, through pg's pool or TypeORM's query), and so are the answers.
 */
class Preparing extends Client {
  // pg's query has a dozen overloads; this one takes them all and changes only a marked text's.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const [first, values, callback] = args;
    const query = Client.prototype.query as (...a: unknown[]) => unknown;
    if (typeof first === 'string') {
      const name = names.get(first);
      if (name === undefined) return query.apply(this, args);
      // A fresh config each call: pg's Query writes the values and the callback into it.
      const config = { name, text: first, values: Array.isArray(values) ? values : undefined };
      return query.call(this, config, typeof values === 'function' ? values : callback);
    }
    // A plain config object (rows as arrays, say) with a marked text and no name of its own is
    // named too. Not a submittable (a cursor, a stream): copying one would lose what it is.
    const plainConfig = first !== null && typeof first === 'object' && typeof first.submit !== 'function';
    const name = plainConfig && first.name === undefined && typeof first.text === 'string' ? names.get(first.text) : undefined;
    if (name === undefined) return query.apply(this, args);
    return query.call(this, { ...first, name }, ...args.slice(1));
  }
}

/** Typed as pg's own Client: callers keep its overloads, which the override above takes as they come. */
export const PreparingClient: typeof Client = Preparing;
export type PreparingClient = Client;

/** The client class for a pool: PreparingClient, or pg's own where statements must not be named. */
export function clientClass(preparedStatements: boolean): typeof Client {
  return preparedStatements ? PreparingClient : Client;
}
