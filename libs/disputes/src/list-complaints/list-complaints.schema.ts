import { z } from 'zod';
import { accountRef, pageQueryFields, sortQueryField } from '@lc/http';
import { COMPLAINT_SOURCES, codeSchema, creditCodeSchema, subDistrictSchema } from '@lc/reference-data';
import { isoDate } from '../shared/request-fields';

export const COMPLAINT_SORT_COLUMNS = {
  receivedAt: 'c.received_at',
  receivedOn: 'c.received_on',
  updatedAt: 'c.updated_at',
  workOrderNo: 'c.work_order_no',
  handledOn: 'c.handled_on',
  subDistrict: 'c.sub_district',
  status: 'c.status',
};

/** GET /api/v1/complaints: every filter optional, combined with AND, within the caller's scope. */
export const listComplaintsSchema = z.strictObject({
  status: z.enum(['received', 'handled', 'converted'], { error: 'must be received, handled or converted' }).optional(),
  source: codeSchema(COMPLAINT_SOURCES).optional(),
  subDistrict: subDistrictSchema.optional(),
  /** The complaint's mediator (who received it, then who handled or converted it), or `me` for the caller. */
  mediatorId: accountRef('must be the id (uuid) of a mediator account, or me').optional(),
  /** Received on or after this date (inclusive, Shanghai calendar). */
  receivedFrom: isoDate.optional(),
  receivedTo: isoDate.optional(),
  /** The employer's unified social credit code (exact). */
  creditCode: creditCodeSchema.optional(),
  /** Work-order number, employer name or credit code, or words of the summary. */
  q: z.string().trim().min(1).max(100).optional(),
  sort: sortQueryField(COMPLAINT_SORT_COLUMNS, '-receivedAt'),
  ...pageQueryFields,
});

export type ListComplaintsRequest = z.output<typeof listComplaintsSchema>;
