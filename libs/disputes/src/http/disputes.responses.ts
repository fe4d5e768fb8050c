import { z } from 'zod';
import { COMPLAINT_SOURCES, DISPUTE_CATEGORIES, DISPUTE_CHANNELS, DISPUTE_OUTCOMES } from '@lc/reference-data';
import { dateSchema, instantSchema, pageSchemaOf, timelineItemSchema, writtenSchema } from '@lc/http';
import { claimantResponseSchema as claimantSchema, employerResponseSchema as employerSchema } from '@lc/parties';

/*
 * The response shapes of /disputes and /complaints, documented in the OpenAPI document (the web
 * application's types come from them). They mirror DisputeDetail, DisputeListItem, DisputeTimeline,
 * ComplaintDetail and ComplaintListItem.
 */

const sourceSchema = z.object({ kind: z.enum(['complaint', 'alert']), id: z.uuid() }).nullable().meta({ description: 'what the case was converted from' });

export const disputeDetailSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['open', 'resolved']),
    caseNo: z.string().meta({ example: 'LG-PH-2026-0042' }),
    channel: z.enum(DISPUTE_CHANNELS),
    subDistrict: z.string(),
    employer: employerSchema,
    category: z.enum(DISPUTE_CATEGORIES),
    summary: z.string(),
    claimants: z.array(claimantSchema),
    openedOn: dateSchema,
    infringementKnownOn: dateSchema.nullable(),
    source: sourceSchema,
    confirmedDuplicateOf: z.array(z.uuid()).meta({ description: 'open cases it overlapped when opened, confirmed by the opener as another matter' }),
    workersInvolved: z.number().int(),
    amountClaimedFen: z.number().int(),
    groupDispute: z.boolean().meta({ description: '30 or more workers involved at some time' }),
    mediatorId: z.uuid().nullable(),
    stepsLogged: z.number().int(),
    firstNegotiationOn: dateSchema.nullable(),
    amountRecoveredFen: z.number().int(),
    recoveriesRecorded: z.number().int(),
    outcome: z.enum(DISPUTE_OUTCOMES).nullable().meta({ description: 'null while open (also after a reopen)' }),
    resolvedOn: dateSchema.nullable(),
    timesReopened: z.number().int(),
    lastReopenedOn: dateSchema.nullable(),
    documents: z
      .array(z.enum(['mediation-agreement']))
      .meta({ description: 'the documents the case can have now (GET /disputes/{id}/documents/{kind}): mediation-agreement once resolved by an agreement' }),
    version: z.number().int(),
  })
  .meta({ title: 'DisputeDetail' });

export const disputeListItemSchema = z
  .object({
    id: z.uuid(),
    caseNo: z.string(),
    status: z.enum(['open', 'resolved']),
    channel: z.enum(DISPUTE_CHANNELS),
    subDistrict: z.string(),
    category: z.enum(DISPUTE_CATEGORIES),
    employer: employerSchema,
    workersInvolved: z.number().int(),
    groupDispute: z.boolean(),
    amountClaimedFen: z.number().int(),
    amountRecoveredFen: z.number().int(),
    summary: z.string(),
    claimants: z.array(claimantSchema).meta({ description: 'masked' }),
    openedOn: dateSchema,
    mediatorId: z.uuid().nullable(),
    stepsLogged: z.number().int(),
    resolvedOn: dateSchema.nullable(),
    outcome: z.enum(DISPUTE_OUTCOMES).nullable(),
    timesReopened: z.number().int(),
    source: sourceSchema,
    updatedAt: instantSchema,
    version: z.number().int(),
  })
  .meta({ title: 'DisputeListItem' });

export const disputePageSchema = pageSchemaOf(disputeListItemSchema, 'DisputePage');

export const disputeTimelineSchema = z
  .object({ id: z.uuid(), caseNo: z.string(), version: z.number().int(), events: z.array(timelineItemSchema) })
  .meta({ title: 'DisputeTimeline' });

export const openedDisputeSchema = z
  .object({ id: z.uuid(), caseNo: z.string().meta({ example: 'LG-PH-2026-0042' }), version: z.number().int() })
  .meta({ title: 'OpenedDispute' });

export const convertedComplaintSchema = openedDisputeSchema
  .extend({ complaint: writtenSchema.meta({ description: 'the complaint, now linked to the case' }) })
  .meta({ title: 'ConvertedComplaint' });

const complaintEmployerSchema = z.object({ name: z.string(), creditCode: z.string().optional() }).nullable();

export const complaintDetailSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['received', 'handled', 'converted']),
    source: z.enum(COMPLAINT_SOURCES),
    workOrderNo: z.string().nullable(),
    subDistrict: z.string(),
    employer: complaintEmployerSchema,
    summary: z.string(),
    receivedAt: instantSchema,
    receivedOn: dateSchema.meta({ description: 'the China-time day of receivedAt' }),
    handledOn: dateSchema.nullable(),
    convertedOn: dateSchema.nullable(),
    disputeId: z.uuid().nullable().meta({ description: 'the dispute case it became' }),
    version: z.number().int(),
  })
  .meta({ title: 'ComplaintDetail' });

export const complaintListItemSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['received', 'handled', 'converted']),
    source: z.enum(COMPLAINT_SOURCES),
    workOrderNo: z.string().nullable(),
    subDistrict: z.string(),
    employer: complaintEmployerSchema,
    summary: z.string(),
    receivedAt: instantSchema,
    receivedOn: dateSchema,
    handledOn: dateSchema.nullable(),
    handlingNote: z.string().nullable(),
    convertedOn: dateSchema.nullable(),
    disputeId: z.uuid().nullable(),
    mediatorId: z.uuid().nullable().meta({ description: 'the mediator who received it, then the one who handled it or turned it into a case' }),
    updatedAt: instantSchema,
    version: z.number().int(),
  })
  .meta({ title: 'ComplaintListItem' });

export const complaintPageSchema = pageSchemaOf(complaintListItemSchema, 'ComplaintPage');
