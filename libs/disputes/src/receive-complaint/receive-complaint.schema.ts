import { z } from 'zod';
import { COMPLAINT_SOURCES, codeSchema } from '@lc/reference-data';
import { creditCode, isoInstant, subDistrict, text } from '../shared/request-fields';

/** POST /api/v1/complaints. The handler adds complaintId, now and actor to make ReceiveComplaint. */
export const receiveComplaintSchema = z
  .strictObject({
    source: codeSchema(COMPLAINT_SOURCES),
    /** The 12351 work-order number: required for hotline_12351. */
    workOrderNo: text(64).optional(),
    subDistrict,
    /** An online post names a company, rarely its credit code: the code is optional here. */
    employer: z.strictObject({ name: text(200), creditCode: creditCode.optional() }).optional(),
    summary: text(4000),
    receivedAt: isoInstant,
  })
  .refine((body) => body?.source !== 'hotline_12351' || body.workOrderNo !== undefined, {
    path: ['workOrderNo'],
    message: 'is required for a 12351 work order',
    // Checked even when other fields are bad, so one answer names every problem.
    when: ({ value }) => typeof value === 'object' && value !== null,
  });

export type ReceiveComplaintRequest = z.output<typeof receiveComplaintSchema>;
