export interface AccountFilter {
  role?: string;
  subDistrict?: string;
  active?: boolean;
  /** Matches username or display name. */
  q?: string;
  page: number;
  pageSize: number;
}

export class ListAccountsQuery {
  constructor(readonly filter: AccountFilter) {}
}
