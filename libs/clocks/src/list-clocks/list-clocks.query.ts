import { SortKey } from '@lc/http';
import { AuthenticatedActor } from '@lc/access';

export const CLOCK_SORT_COLUMNS = {
  deadlineAt: 'c.deadline_at',
  startedOn: 'c.started_on',
  lastDay: 'c.last_day',
  kind: 'c.kind',
  subDistrict: 'c.sub_district',
};

export interface ClockFilter {
  /** overdue: the deadline has passed and the work is not done; due_soon: within the reminder window. */
  status?: 'overdue' | 'due_soon';
  kind?: string;
  subDistrict?: string;
  sort: SortKey[];
  /** An account id or 'me'. */
  mediatorId?: string;
  /** The employer's credit code. */
  creditCode?: string;
  page: number;
  pageSize: number;
}

export class ListClocksQuery {
  constructor(
    readonly filter: ClockFilter,
    readonly actor: AuthenticatedActor,
  ) {}
}
