import { shanghaiDate, shanghaiInstant, unprocessable } from '@lc/decider';

/*
 * The rules deciders apply with the clock or the state (dates not in the future, not before the
 * record began). The fields themselves are the request schemas' alone: a command is its schema's
 * output, and every path that makes one parses through the schema (docs/architecture.md, "One
 * source per field set"), so no decider checks them again.
 */

/**
 * A phone's clock may run a little ahead of the server's; an instant "just now" from the client
 * should not be refused as being in the future.
 */
export const CLIENT_CLOCK_SKEW_MS = 5 * 60 * 1000;

export function today(now: Date): string {
  return shanghaiDate(now);
}

/** Dates are judged by the Shanghai calendar: on 2026-03-10 (Shanghai) 2026-03-10 is allowed, 03-11 is not. */
export function refuseFutureDate(field: string, date: string, now: Date): void {
  if (date > today(now)) throw unprocessable(`${field} ${date} is in the future (today is ${today(now)}, China time)`, field);
}

/**
 * The message speaks of one time zone, China time, as every answer does: the instant as sent (any
 * offset) is written in China time too (2026-03-11T02:00:00Z → 2026-03-11T10:00:00.000+08:00).
 */
export function refuseFutureInstant(field: string, instant: string, now: Date): void {
  const time = Date.parse(instant);
  if (time > now.getTime() + CLIENT_CLOCK_SKEW_MS) {
    throw unprocessable(`${field} ${shanghaiInstant(new Date(time))} is in the future (it is now ${shanghaiInstant(now)}, China time)`, field);
  }
}

export function refuseDateBefore(field: string, date: string, earliest: string, what: string): void {
  if (date < earliest) throw unprocessable(`${field} ${date} is before ${what} (${earliest})`, field);
}

/** An object without its undefined properties: JSON would drop them, and events must be stored as decided. */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
