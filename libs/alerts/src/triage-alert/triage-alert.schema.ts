import { z } from 'zod';
import { text } from '../shared/request-fields';

/* The triage requests. Those with nothing required may come without a body at all. */

/** POST /api/v1/alerts/{id}/acknowledgement: picked up by the caller, now. */
export const acknowledgeAlertSchema = z.strictObject({}).default({});

/** POST /api/v1/alerts/{id}/verification. */
export const verifyAlertSchema = z.strictObject({ note: text(2000).optional() }).default({});

/** POST /api/v1/alerts/{id}/dismissal. */
export const dismissAlertSchema = z.strictObject({ reason: text(2000) });

/** POST /api/v1/alerts/{id}/escalation: to the supervisors of the alert's sub-district. */
export const escalateAlertSchema = z.strictObject({ note: text(2000).optional() }).default({});

export type AcknowledgeAlertRequest = z.output<typeof acknowledgeAlertSchema>;
export type VerifyAlertRequest = z.output<typeof verifyAlertSchema>;
export type DismissAlertRequest = z.output<typeof dismissAlertSchema>;
export type EscalateAlertRequest = z.output<typeof escalateAlertSchema>;
