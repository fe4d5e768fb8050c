import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';

/** One key of a list's order: `openedOn` ascending, `-openedOn` descending. */
export interface SortKey {
  key: string;
  descending: boolean;
}

/**
 * The keys a list may be sorted by, each with the SQL expression it orders by. Keys are the list
 * items' own field names (`openedOn`, `amountRecoveredFen`), so a client sorts by what it shows.
 */
export type SortColumns = Record<string, string>;

const MAX_KEYS = 3;

/**
 * `?sort=` for a list route: one key or a comma-separated few, each optionally prefixed by `-` for
 * descending (`sort=-updatedAt`, `sort=subDistrict,-openedOn`). An unknown key is a 400 naming the
 * keys there are. Absent: the list's customary order (`defaultSort`).
 */
export function sortQueryField(columns: SortColumns, defaultSort: string) {
  const keys = Object.keys(columns);
  const allowed = keys.join(', ');
  return z
    .string()
    .trim()
    .default(defaultSort)
    .transform((value, ctx): SortKey[] => {
      const parts = value.split(',').map((p) => p.trim());
      if (parts.length > MAX_KEYS || parts.some((p) => p === '')) {
        ctx.addIssue({ code: 'custom', message: `must be up to ${MAX_KEYS} comma-separated keys among: ${allowed} (prefix - for descending)` });
        return z.NEVER;
      }
      const sort = parts.map((p) => ({ key: p.replace(/^-/, ''), descending: p.startsWith('-') }));
      // Own keys only: `constructor` or `__proto__` are "in" every object.
      const unknown = sort.filter((s) => !Object.hasOwn(columns, s.key)).map((s) => s.key);
      if (unknown.length > 0) {
        ctx.addIssue({ code: 'custom', message: `cannot sort by ${unknown.join(', ')}; sort by one of: ${allowed} (prefix - for descending)` });
        return z.NEVER;
      }
      if (new Set(sort.map((s) => s.key)).size !== sort.length) {
        ctx.addIssue({ code: 'custom', message: 'names a key twice' });
        return z.NEVER;
      }
      return sort;
    })
    .meta({ description: `Order: ${allowed}; prefix - for descending; comma-separate up to ${MAX_KEYS}. Default ${defaultSort}.` });
}

/**
 * Orders a list query by the requested keys, then by `tieBreak` (the record's id): rows that tie
 * on every key keep one order from page to page, so paging never shows a row twice or skips one.
 * Empty values (a case not resolved yet) come last whichever the direction.
 */
export function applySort<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  sort: SortKey[],
  columns: SortColumns,
  tieBreak: string,
): SelectQueryBuilder<T> {
  sort.forEach((s, i) => {
    const expression = columns[s.key];
    if (i === 0) query.orderBy(expression, s.descending ? 'DESC' : 'ASC', 'NULLS LAST');
    else query.addOrderBy(expression, s.descending ? 'DESC' : 'ASC', 'NULLS LAST');
  });
  if (sort.length === 0) query.orderBy(tieBreak, 'ASC');
  else query.addOrderBy(tieBreak, 'ASC');
  return query;
}
