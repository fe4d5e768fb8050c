import { z } from 'zod';
import { pageQueryFields, sortQueryField } from '@lc/http';
import { subDistrictSchema } from '@lc/reference-data';

/** The keys GET /mediators sorts by, with the SQL they order by (output columns of its query). */
export const MEDIATOR_SORT_COLUMNS = {
  subDistrict: 'a.sub_district',
  displayName: 'coalesce(a.display_name, a.username)',
  username: 'a.username',
  openCases: 'open_cases',
  openMediations: 'open_mediations',
  clocksOverdue: 'clocks_overdue',
  clocksDueSoon: 'clocks_due_soon',
};

/** GET /api/v1/mediators: within the caller's scope; every filter optional. */
export const listMediatorsSchema = z.strictObject({
  subDistrict: subDistrictSchema.optional(),
  /** Default: active mediators only, those who can be assigned work. `all` lists deactivated ones too. */
  active: z.enum(['true', 'false', 'all'], { error: 'must be true, false or all' }).default('true'),
  /** Matches username or display name. */
  q: z.string().trim().min(1).max(60).optional(),
  /** e.g. `openCases` to find the least loaded first. */
  sort: sortQueryField(MEDIATOR_SORT_COLUMNS, 'subDistrict,displayName'),
  ...pageQueryFields,
});

export type ListMediatorsRequest = z.output<typeof listMediatorsSchema>;
