import { SetMetadata } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventFilter, RecordedEvent } from '@lc/event-store';

/**
 * A read model kept up to date from the event log. The runner hands it batches of events in
 * global order inside one transaction, together with its checkpoint: a batch is applied wholly
 * and exactly once, or not at all.
 */
export interface Projection {
  /** Stable name: the checkpoint's key and the argument of `npm run projections:rebuild -- <name>`. */
  readonly name: string;
  /** The events it needs; the runner subscribes with this filter. */
  readonly filter: EventFilter;
  /** The tables it owns (schema-qualified when not in public); a rebuild empties them. */
  readonly tables: string[];
  /**
   * `false`: it never reads the personal fields of the events it gets (names, ID numbers and phones
   * of claimants, workers and informants; person ids it may read), so the runner gives it the
   * events as stored, those fields sealed, and spends no time opening them (ADR 0012's addendum).
   * Left out: the fields are opened, as every other reader sees them.
   */
  readonly readsPersonalData?: false;
  /**
   * The secondary indexes of its tables that its apply reads by (a DELETE by subject, say). A
   * rebuild sets the others aside while it replays the log and makes them again at the end
   * (setIndexesAside); these it keeps, so that apply never scans a whole table.
   */
  readonly indexesReadWhileApplying?: string[];
  apply(events: RecordedEvent[], tx: EntityManager): Promise<void>;
  /**
   * Side effects once a batch is committed (scheduling jobs...). Best effort: a failure is logged
   * and not retried, so whatever it does must also be reconciled from the read model elsewhere.
   */
  afterCommit?(events: RecordedEvent[]): Promise<void>;
  /**
   * Side effects once a rebuild has replayed the log into the emptied read model. A projection that
   * has it is not given afterCommit during a rebuild (one page after another of a past the side
   * effects have already seen): it brings them in line once, here. Best effort, as afterCommit.
   */
  afterRebuild?(): Promise<void>;
}

export const PROJECTION = 'labour-cases:projection';

/** Marks a provider as a projection, so that the worker's runner finds it. */
export const RegisterProjection = (): ClassDecorator => SetMetadata(PROJECTION, true);
