import { z } from 'zod';
import { Actor, Decider, DomainError, DomainEvent, fold } from '@lc/decider';
import { fieldErrors } from '@lc/http';
import { CellValue, ColumnSpec, ImportKindName, RowError } from './columns';

/** A row's values by column key, as readCell read them. */
export type RowValues = Record<string, CellValue>;

/** What a row needs from outside while it is checked. */
export interface RowContext {
  row: number;
  /** The id of the record the row becomes: derived from the file's hash and the row, so a second import finds it. */
  id: string;
  now: Date;
  actor: Actor;
  /** The account id of an active mediator, by username or id; a message when there is none. */
  mediatorId(usernameOrId: string): Promise<{ id: string } | { problem: string }>;
}

/**
 * A number that only one record may carry (a 12351 work-order number, a court case number), claimed
 * in its claim stream as the API's own command claims it: an imported row cannot take a number a
 * record already has.
 */
export interface UniqueNumber {
  /** The column it came from. */
  key: string;
  value: string;
  /** The claim stream the API's handler uses for this number. */
  streamId: string;
  /** The claim event's type, as the API's handler writes it. */
  claimType: string;
  data: Record<string, unknown>;
  /** What holds it: "complaint", "mediation". */
  owner: string;
  /** The row's message when the number is taken: "was received already". */
  taken: string;
}

/** The row's commands, built again at write time with the time, actor and (for a case) case number of then. */
export type BuildCommands<Command> = (now: Date, actor: Actor, caseNo: string) => Command[];

export interface ImportKind<Command = unknown, Event extends DomainEvent = DomainEvent, State = unknown> {
  name: ImportKindName;
  columns: readonly ColumnSpec[];
  decider: Decider<Command, Event, State>;
  streamOf(id: string): string;
  /** Checks the row with the API's schemas and the deciders; undefined when issues were found. */
  plan(values: RowValues, ctx: RowContext, issues: RowIssues): Promise<BuildCommands<Command> | undefined>;
  /** Dispute cases get a number per sub-district and year of opening. */
  caseNumber?(values: RowValues): { subDistrict: string; year: number };
  /** The row's number that must be unique across records of the kind, if it has one. */
  uniqueNumber?(values: RowValues): UniqueNumber | undefined;
}

/** Maps a field of a request or command (`employer.creditCode`) to the column it came from. */
export type FieldColumns = Record<string, string | null>;

function columnOf(fields: FieldColumns, field: string): string | null {
  if (field in fields) return fields[field];
  // claimants.0.name → claimants.0 → claimants
  const parts = field.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const prefix = parts.slice(0, n).join('.');
    if (prefix in fields) return fields[prefix];
  }
  return null;
}

/** The errors of one row: at most one per column, so that a missing value is not reported twice. */
export class RowIssues {
  readonly errors: RowError[] = [];
  private readonly blamed = new Set<string>();

  constructor(
    readonly row: number,
    private readonly header: (key: string) => string,
  ) {}

  add(key: string | null, message: string): void {
    if (key !== null) {
      if (this.blamed.has(key)) return;
      this.blamed.add(key);
    }
    this.errors.push({ row: this.row, column: key === null ? null : this.header(key), field: key, message });
  }

  blames(key: string): boolean {
    return this.blamed.has(key);
  }

  get any(): boolean {
    return this.errors.length > 0;
  }

  /**
   * The request body through the API's own schema; its issues land on the columns the fields came from.
   *
   * With `stand-ins` (valid values for some of the body's top-level fields), a body refused only
   * for such fields is parsed again with them in place, and that body is returned although the row
   * has errors: not to be written (a row with errors never is), but so that the deciders can still
   * check the row's other values, and a dry run lists every error of the row at once. A date is
   * stood in for only where the stand-in cannot blame a good date: the day a record begins (opened,
   * referred, received) by EARLIEST_DATE, before which no date is, since the rules an import meets
   * only find a later date wrong for being before that day, or in the future (which still runs).
   * The other dates are compared both ways (a judicial confirmation within 30 days of the
   * agreement): a made-up day would blame a good one, so they are not stood in for, and a command
   * whose date the schema refused is left out of the decision.
   */
  parse<S extends z.ZodType>(schema: S, body: unknown, fields: FieldColumns, standIns?: Record<string, unknown>): z.output<S> | undefined {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    const refused = new Set<string>();
    for (const { field, message } of fieldErrors(result.error)) {
      const column = columnOf(fields, field);
      this.add(column, column === null && field ? `${field}: ${message}` : message);
      refused.add(field.split('.')[0]);
    }
    if (!standIns || typeof body !== 'object' || body === null || [...refused].some((key) => !(key in standIns))) return undefined;
    const patched: Record<string, unknown> = { ...(body as Record<string, unknown>) };
    for (const key of refused) patched[key] = standIns[key];
    const again = schema.safeParse(patched);
    return again.success ? again.data : undefined;
  }

  /**
   * Decides the row's commands in turn on an empty stream, as the write will: whatever a decider
   * refuses (a resolution before the opening, a date in the future) is the row's error.
   *
   * A refused command does not end the check: the row's later commands are decided too, so that a
   * dry run lists every error of the row at once (a recovery and a resolution both in the future).
   * They are decided against the state as it would be, which `standIn` says for the refused
   * command (given the fields the decider blamed):
   * - the command again with stand-ins for the refused values, chosen so that no later rule can
   *   blame a good value by them (the opening day as the earliest day there is: nothing is before
   *   it); its events, never written, are what the later commands are decided against;
   * - 'leave-out': nothing later builds on it (a recovery, before the resolution): decided without it;
   * - 'stop' (also when the stand-in is refused as well): the later commands build on it and no
   *   stand-in can be trusted, so they are not decided. Against a state lacking what they build
   *   on they would be refused for an error that is not theirs ("no such dispute case").
   */
  decide<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    commands: Command[],
    fieldsOf: (command: Command) => FieldColumns,
    standIn: (refused: Command, state: State, fields: ReadonlySet<string>) => Command | 'leave-out' | 'stop' = () => 'stop',
  ): void {
    let state = decider.initialState();
    for (const command of commands) {
      const decided = this.tryDecide(decider, command, state, fieldsOf(command));
      if ('state' in decided) {
        state = decided.state;
        continue;
      }
      const instead = standIn(command, state, decided.fields);
      if (instead === 'leave-out') continue;
      if (instead === 'stop') return;
      // The stand-in's own errors are not the row's: it only makes the state for what follows.
      const stood = this.tryDecide(decider, instead, state, null);
      if (!('state' in stood)) return;
      state = stood.state;
    }
  }

  /** One command decided on the state; its refusal reported (unless `fields` is null) and the fields it blamed returned. */
  private tryDecide<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    command: Command,
    state: State,
    fields: FieldColumns | null,
  ): { state: State } | { fields: ReadonlySet<string> } {
    try {
      return { state: fold(decider, decider.decide(command, state), state) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const blamed = new Set((error.errors ?? []).map(({ field }) => field));
      if (fields === null) return { fields: blamed };
      if (error.errors?.length) {
        for (const { field, message } of error.errors) {
          const column = columnOf(fields, field);
          this.add(column, column === null ? error.message : message);
        }
      } else this.add(null, error.message);
      return { fields: blamed };
    }
  }
}
