import { z } from 'zod';
import { DISPUTE_CATEGORIES } from '@lc/reference-data';
import { timelineItemSchema } from '@lc/http';
import { claimantResponseSchema as claimantSchema, employerResponseSchema as employerSchema } from '@lc/parties';
import { dateSchema, instantSchema, pageSchemaOf } from '@lc/http';
import { JUDICIAL_CONFIRMATION_STEPS } from '../mediation/mediation.decider';

/* The response shapes of /mediations (MediationDetail, MediationListItem, MediationTimeline), for the OpenAPI document. */

const MEDIATION_STATUSES = ['referred', 'in_progress', 'agreed', 'failed', 'withdrawn'] as const;
const judicialConfirmation = z.enum(['not_applied', ...JUDICIAL_CONFIRMATION_STEPS]);

const common = {
  id: z.uuid(),
  status: z.enum(MEDIATION_STATUSES),
  court: z.string(),
  courtCaseNo: z.string().meta({ description: 'the court’s case number (案号)', example: '（2026）粤0307民诉前调123号' }),
  referredOn: dateSchema,
  subDistrict: z.string(),
  category: z.enum(DISPUTE_CATEGORIES),
  employer: employerSchema,
  claimAmountFen: z.number().int(),
  mediatorId: z.uuid().nullable(),
  sessionsHeld: z.number().int(),
  lastSessionOn: dateSchema.nullable(),
  extraDays: z.number().int().meta({ description: 'days the one extension added; 0 without one' }),
  deadlineOn: dateSchema.meta({ description: 'the last day of the mediation period (referral + 30 days + the extension)' }),
  agreedOn: dateSchema.nullable(),
  amountFen: z.number().int().nullable().meta({ description: 'the agreed amount; null without an agreement' }),
  judicialConfirmation,
  judicialConfirmationAppliedOn: dateSchema.nullable(),
  judicialConfirmationDecidedOn: dateSchema.nullable(),
  judicialConfirmationDeadlineOn: dateSchema.nullable().meta({ description: 'the last day to apply; null before an agreement' }),
  failedOn: dateSchema.nullable(),
  withdrawnOn: dateSchema.nullable(),
  version: z.number().int(),
};

export const mediationDetailSchema = z
  .object({
    ...common,
    workers: z.array(claimantSchema),
    extendedOn: dateSchema.nullable(),
    paymentTerms: z.string().nullable(),
    failureReason: z.string().nullable(),
    withdrawalReason: z.string().nullable(),
    documents: z.array(z.enum(['mediation-agreement', 'judicial-confirmation-application', 'referral-feedback'])).meta({
      description: 'the documents the mediation can have now (GET /mediations/{id}/documents/{kind}): agreement and application once agreed, feedback once ended',
    }),
  })
  .meta({ title: 'MediationDetail' });

export const mediationListItemSchema = z
  .object({ ...common, workers: z.array(claimantSchema).meta({ description: 'masked' }), updatedAt: instantSchema })
  .meta({ title: 'MediationListItem' });

export const mediationPageSchema = pageSchemaOf(mediationListItemSchema, 'MediationPage');

export const mediationTimelineSchema = z
  .object({ id: z.uuid(), courtCaseNo: z.string(), version: z.number().int(), events: z.array(timelineItemSchema) })
  .meta({ title: 'MediationTimeline' });
