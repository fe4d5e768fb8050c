import { z } from 'zod';
import { ALERT_GRADES, ALERT_SIGNALS, DISPUTE_CATEGORIES } from '@lc/reference-data';
import { openedDisputeSchema } from '@lc/disputes';
import { dateSchema, instantSchema, pageSchemaOf, writtenSchema } from '@lc/http';

/*
 * The response shapes of /alerts, /informants, /reference/risk-weights and /enterprises for the
 * OpenAPI document; they mirror AlertDetail, InformantAlertView, AlertListItem, SubmittedAlert,
 * InformantDetail, InformantListItem, MyInformantProfile, RiskWeightsAnswer and EnterpriseView.
 */

const ALERT_STATUSES = ['submitted', 'acknowledged', 'verified', 'dismissed', 'converted'] as const;
const status = z.enum(ALERT_STATUSES);
const grade = z.enum(ALERT_GRADES).nullable();
const enterprise = z.object({ name: z.string(), creditCode: z.string() });
const signals = z.array(z.enum(ALERT_SIGNALS));
const location = z
  .union([z.object({ lat: z.number(), lng: z.number() }), z.object({ text: z.string() })])
  .nullable()
  .meta({ description: 'a phone’s position, or words ("B栋宿舍门口")' });
const breakdown = z.array(z.object({ factor: z.string().meta({ description: '`signal:<code>` or `workers:<min>+`' }), points: z.number() }));

export const submittedAlertSchema = z
  .object({ id: z.uuid(), version: z.number().int(), status, grade, pickupDeadlineAt: instantSchema.nullable() })
  .meta({ title: 'SubmittedAlert' });

export const alertDetailSchema = z
  .object({
    id: z.uuid(),
    status,
    informantId: z.uuid(),
    enterprise,
    subDistrict: z.string(),
    signals,
    workersAffected: z.number().int(),
    description: z.string(),
    observedAt: instantSchema,
    location,
    submittedAt: instantSchema,
    grade,
    points: z.number().nullable(),
    breakdown,
    weightsVersion: z.number().int().nullable(),
    pickupDeadlineAt: instantSchema.nullable(),
    acknowledgedAt: instantSchema.nullable(),
    acknowledgedBy: z.string().nullable(),
    verifiedAt: instantSchema.nullable(),
    verificationNote: z.string().nullable(),
    dismissedAt: instantSchema.nullable(),
    dismissalReason: z.string().nullable(),
    escalations: z.array(z.object({ escalatedAt: instantSchema, reason: z.enum(['not_acknowledged_in_time', 'manual']), note: z.string().nullable() })),
    convertedAt: instantSchema.nullable(),
    disputeId: z.uuid().nullable().meta({ description: 'the dispute case it became' }),
    version: z.number().int(),
  })
  .meta({ title: 'AlertDetail', description: 'as staff see it' });

export const informantAlertSchema = z
  .object({
    id: z.uuid(),
    status,
    grade,
    enterprise,
    subDistrict: z.string(),
    signals,
    workersAffected: z.number().int(),
    description: z.string(),
    observedAt: instantSchema,
    location,
    submittedAt: instantSchema,
    acknowledgedAt: instantSchema.nullable(),
    verifiedAt: instantSchema.nullable(),
    dismissedAt: instantSchema.nullable(),
    dismissalReason: z.string().nullable(),
    convertedAt: instantSchema.nullable(),
    version: z.number().int(),
  })
  .meta({ title: 'InformantAlert', description: 'as the informant who submitted it sees it' });

export const alertAnswerSchema = z.union([alertDetailSchema, informantAlertSchema]).meta({ title: 'Alert' });

export const alertListItemSchema = z
  .object({
    id: z.uuid(),
    status,
    grade,
    points: z.number().nullable(),
    breakdown: breakdown.nullable(),
    weightsVersion: z.number().int().nullable(),
    informantId: z.uuid(),
    enterprise,
    subDistrict: z.string(),
    signals,
    workersAffected: z.number().int(),
    description: z.string(),
    observedAt: instantSchema,
    location,
    submittedAt: instantSchema,
    pickupDeadlineAt: instantSchema.nullable(),
    overdue: z.boolean().meta({ description: 'not picked up, and past its pick-up deadline' }),
    acknowledgedAt: instantSchema.nullable(),
    acknowledgedBy: z.string().nullable(),
    verifiedAt: instantSchema.nullable(),
    dismissedAt: instantSchema.nullable(),
    dismissalReason: z.string().nullable(),
    escalated: z.boolean(),
    escalatedAt: instantSchema.nullable(),
    escalationReason: z.string().nullable(),
    convertedAt: instantSchema.nullable(),
    disputeId: z.uuid().nullable(),
    updatedAt: instantSchema,
    version: z.number().int(),
  })
  .meta({ title: 'AlertListItem' });

export const alertPageSchema = pageSchemaOf(alertListItemSchema, 'AlertPage');
export const informantAlertPageSchema = pageSchemaOf(informantAlertSchema, 'InformantAlertPage');

export const convertedAlertSchema = openedDisputeSchema
  .extend({ alert: writtenSchema.meta({ description: 'the alert, now linked to the case' }) })
  .meta({ title: 'ConvertedAlert' });

export const informantDetailSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['active', 'deactivated']),
    name: z.string(),
    phone: z.string(),
    subDistrict: z.string(),
    enterprises: z.array(z.string()).meta({ description: 'credit codes of the enterprises they cover' }),
    deactivationReason: z.string().nullable(),
    personId: z.string().nullable().meta({ description: 'whose personal data name and phone are (GET /api/v1/persons/{id})' }),
    erased: z.boolean().meta({ description: 'their data was erased: name and phone read 已删除' }),
    version: z.number().int(),
  })
  .meta({ title: 'InformantDetail' });

export const informantListItemSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    phone: z.string().meta({ description: 'masked' }),
    personId: z.string().nullable(),
    subDistrict: z.string(),
    enterprises: z.array(z.string()),
    enterpriseCount: z.number().int(),
    active: z.boolean(),
    deactivationReason: z.string().nullable(),
    alertsSubmitted: z.number().int(),
    lastAlertAt: instantSchema.nullable(),
    registeredAt: instantSchema,
    version: z.number().int(),
  })
  .meta({ title: 'InformantListItem' });

export const informantPageSchema = pageSchemaOf(informantListItemSchema, 'InformantPage');

export const myInformantProfileSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    subDistrict: z.string(),
    status: z.enum(['active', 'deactivated']),
    enterprises: z
      .array(z.object({ creditCode: z.string(), name: z.string().nullable() }))
      .meta({ description: 'the name last reported in the informant’s sub-district; null when nobody reported it yet' }),
    version: z.number().int(),
  })
  .meta({ title: 'MyInformantProfile' });

export const riskWeightsSchema = z
  .object({
    signals: z.record(z.enum(ALERT_SIGNALS), z.number()).meta({ description: 'points per signal' }),
    workersBands: z.array(z.object({ min: z.number().int(), points: z.number() })).meta({ description: 'ordered by min, the first starting at 1' }),
    version: z.number().int().meta({ description: 'the weights’ version (1 for the defaults); the ETag and If-Match carry it' }),
    grading: z.object({ redAbove: z.number(), greenBelow: z.number() }).meta({ description: 'the district’s "123" thresholds' }),
  })
  .meta({ title: 'RiskWeights' });

export const enterpriseViewSchema = z
  .object({
    creditCode: z.string(),
    name: z.string().nullable().meta({ description: 'the name most recently registered for the credit code (by the records’ own dates)' }),
    names: z.array(z.string()).meta({ description: 'every name it was recorded under, most recent first' }),
    window: z.object({ from: dateSchema, to: dateSchema }),
    since: dateSchema.meta({ description: 'window.from, kept for older clients' }),
    alerts: z.array(
      z.object({
        id: z.uuid(),
        status,
        grade,
        points: z.number().nullable(),
        subDistrict: z.string(),
        signals,
        workersAffected: z.number().int(),
        submittedAt: instantSchema,
        escalated: z.boolean(),
        disputeId: z.uuid().nullable(),
      }),
    ),
    disputes: z.array(
      z.object({
        id: z.uuid(),
        caseNo: z.string(),
        status: z.string(),
        channel: z.string(),
        category: z.enum(DISPUTE_CATEGORIES),
        subDistrict: z.string(),
        workersInvolved: z.number().int(),
        groupDispute: z.boolean(),
        openedOn: dateSchema,
        resolvedOn: dateSchema.nullable(),
        outcome: z.string().nullable(),
        amountClaimedFen: z.number().int(),
        amountRecoveredFen: z.number().int(),
        source: z.object({ kind: z.string(), id: z.string() }).nullable(),
      }),
    ),
    mediations: z.array(
      z.object({
        id: z.uuid(),
        court: z.string(),
        courtCaseNo: z.string(),
        status: z.string(),
        category: z.enum(DISPUTE_CATEGORIES),
        subDistrict: z.string(),
        workersCount: z.number().int(),
        referredOn: dateSchema,
        endedOn: dateSchema.nullable(),
        amountWonFen: z.number().int().nullable(),
      }),
    ),
    letters: z
      .array(
        z.object({
          letterId: z.uuid(),
          kind: z.enum(['reminder-letter', 'opinion', 'recommendation']),
          letterNo: z.string().meta({ example: '龙岗工提〔2026〕3号' }),
          issuedOn: dateSchema,
          issuedAt: instantSchema,
          issuedBy: z.object({ id: z.string().nullable(), displayName: z.string().nullable() }),
          record: z.object({ kind: z.enum(['dispute', 'mediation']), id: z.uuid(), ref: z.string() }),
          subDistrict: z.string(),
        }),
      )
      .meta({ description: "the union's letters to the employer (提示函, 意见书, 建议书) issued in the window, newest first" }),
    groupDisputes: z.array(z.object({ id: z.uuid(), caseNo: z.string(), workersInvolved: z.number().int(), openedOn: dateSchema, status: z.string() })),
    totals: z.object({
      alerts: z.number().int(),
      disputes: z.number().int(),
      groupDisputes: z.number().int(),
      mediations: z.number().int(),
      amountRecoveredFen: z.number().int(),
      amountWonFen: z.number().int(),
    }),
  })
  .meta({ title: 'EnterpriseView' });
