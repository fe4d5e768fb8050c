import { EntityManager, In } from 'typeorm';
import { RecordedEvent } from '@lc/event-store';
import { writeRows } from './row-writes';

/** Ids per read of the rows a batch touches. */
const ROWS_PER_READ = 1000;

/** How a row-per-record read model (keyed by `id`) follows its record's events. */
export interface RowFold<T extends { id: string }> {
  entity: new () => T;
  /** The row's id: the record's, from its stream. */
  idOf(recorded: RecordedEvent): string;
  /** The new row when the event creates the record; undefined when it changes an existing one. */
  create(id: string, recorded: RecordedEvent): T | undefined;
  /** The event's change to the row, in place. */
  evolve(row: T, recorded: RecordedEvent): void;
}

/**
 * Applies events to a row-per-record read model: each row the events touch is read once, the
 * events folded into it in memory, and every changed row written with a few multi-row upserts.
 * A row is written once a batch, not once an event (each UPDATE is a new row version in every
 * index of the table). An event before its record's creation changes nothing, as an UPDATE of no
 * row; a second creation fails, as the primary key would.
 */
export async function foldRows<T extends { id: string }>(tx: EntityManager, fold: RowFold<T>, events: RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const ids = [...new Set(events.map((e) => fold.idOf(e)))];
  const rows = new Map<string, T>();
  for (let i = 0; i < ids.length; i += ROWS_PER_READ) {
    const found = await tx.getRepository(fold.entity).findBy({ id: In(ids.slice(i, i + ROWS_PER_READ)) } as never);
    for (const row of found) rows.set(row.id, row);
  }
  const changed = new Set<string>();
  for (const recorded of events) {
    const id = fold.idOf(recorded);
    const created = fold.create(id, recorded);
    if (created) {
      if (rows.has(id)) throw new Error(`${fold.entity.name}: ${id} created twice`);
      rows.set(id, created);
    } else {
      const row = rows.get(id);
      if (!row) continue;
      fold.evolve(row, recorded);
    }
    changed.add(id);
  }
  await writeRows(
    tx,
    fold.entity,
    [...changed].map((id) => rows.get(id)!),
    ['id' as keyof T & string],
  );
}
