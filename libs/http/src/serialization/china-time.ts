import { shanghaiInstant } from '@lc/decider';

/**
 * Instants leave the API in China Standard Time, with the offset (`2026-12-01T09:15:00.000+08:00`):
 * the users read Shanghai time, and a client that shows the string as it is shows the right hour.
 * Dates (`2026-12-01`) stay dates. Applied to every JSON answer as Express's `json replacer`, so
 * no handler has to remember it: Date values, and strings that are UTC instants as the event log
 * keeps them (`...Z`), are written with +08:00. The instant is the same; only its notation changes.
 */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/** 2026-12-01T01:15:00.000Z → 2026-12-01T09:15:00.000+08:00. */
export function chinaTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) return instant.toString();
  return shanghaiInstant(instant);
}

/** For `app.set('json replacer', chinaTimeReplacer)`: JSON.stringify calls it with `this` the holder of `key`. */
export function chinaTimeReplacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown> | null)?.[key];
  if (raw instanceof Date) return chinaTime(raw);
  if (typeof value === 'string' && value.length <= 35 && UTC_INSTANT.test(value)) {
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? value : chinaTime(parsed);
  }
  return value;
}
