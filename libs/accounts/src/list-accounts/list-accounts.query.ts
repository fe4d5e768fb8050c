import type { SortKey } from '@lc/http';

export const ACCOUNT_SORT_COLUMNS = {
  username: 'a.username',
  displayName: 'a.display_name',
  role: 'a.role',
  subDistrict: 'a.sub_district',
  createdAt: 'a.created_at',
  updatedAt: 'a.updated_at',
};

export interface AccountFilter {
  role?: string;
  subDistrict?: string;
  active?: boolean;
  /** Matches username or display name. */
  q?: string;
  sort: SortKey[];
  page: number;
  pageSize: number;
}

export class ListAccountsQuery {
  constructor(readonly filter: AccountFilter) {}
}
