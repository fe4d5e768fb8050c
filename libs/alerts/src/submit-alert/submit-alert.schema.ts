import { z } from 'zod';
import { ALERT_SIGNALS, boundedText, codeSchema, employerSchema, isoInstantSchema, subDistrictSchema } from '@lc/reference-data';
import { workersInvolved } from '../shared/request-fields';

export const MAX_DESCRIPTION_LENGTH = 2000;
export const MAX_LOCATION_TEXT_LENGTH = 200;

export const alertLocation = z.union([
  z.strictObject({
    lat: z.number().min(-90, 'must be a latitude from -90 to 90').max(90, 'must be a latitude from -90 to 90'),
    lng: z.number().min(-180, 'must be a longitude from -180 to 180').max(180, 'must be a longitude from -180 to 180'),
  }),
  z.strictObject({ text: boundedText(MAX_LOCATION_TEXT_LENGTH) }),
]);

/**
 * POST /api/v1/alerts, from an informant's phone. The handler adds alertId (from the
 * Idempotency-Key), informantId, the risk weights and pick-up policy in force, now and actor.
 */
export const submitAlertSchema = z.strictObject({
  enterprise: employerSchema,
  subDistrict: subDistrictSchema,
  /** Codes of the reference list; a code ticked twice counts once. */
  signals: z
    .array(codeSchema(ALERT_SIGNALS))
    .min(1, 'must name at least one signal')
    .max(50, 'must list at most 50 signals')
    .transform((codes) => [...new Set(codes)]),
  workersAffected: workersInvolved,
  description: boundedText(MAX_DESCRIPTION_LENGTH),
  /** When the informant saw it; with a zone. */
  observedAt: isoInstantSchema,
  location: alertLocation.optional(),
});

export type SubmitAlertRequest = z.output<typeof submitAlertSchema>;
