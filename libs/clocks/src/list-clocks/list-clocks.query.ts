import { AuthenticatedActor } from '@lc/http';

export interface ClockFilter {
  /** overdue: the deadline has passed and the work is not done; due_soon: within the reminder window. */
  status?: 'overdue' | 'due_soon';
  kind?: string;
  subDistrict?: string;
  page: number;
  pageSize: number;
}

export class ListClocksQuery {
  constructor(
    readonly filter: ClockFilter,
    readonly actor: AuthenticatedActor,
  ) {}
}
