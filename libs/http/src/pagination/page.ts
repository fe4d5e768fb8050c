import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';

/** One page of a list answer. Totals count every match, not just this page. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** `?page=&pageSize=` for list routes: spread into the route's query schema. */
export const pageQueryFields = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

/** `%text%` for ILIKE, with the pattern characters of the text taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Runs a list query for one page: the rows of the page, each mapped to its list item, and the total. */
export async function pageOf<Row extends ObjectLiteral, Item>(
  query: SelectQueryBuilder<Row>,
  request: { page: number; pageSize: number },
  toItem: (row: Row) => Item,
): Promise<Page<Item>> {
  const [rows, total] = await query
    .skip((request.page - 1) * request.pageSize)
    .take(request.pageSize)
    .getManyAndCount();
  return { items: rows.map((row) => toItem(row)), page: request.page, pageSize: request.pageSize, total };
}
