import { z } from 'zod';
import { COMPLAINT_SOURCES, DISPUTE_OUTCOMES } from '@lc/reference-data';
import { dateSchema, instantSchema } from '@lc/http';

/*
 * The response shapes of /stats and /reports for the OpenAPI document: Summary and the answers
 * built of it (ByMonth, BySubDistrict, ByCategory, WatchList, AnnualReport, MonthlyReportView).
 * Amounts are integer fen; reports show them in 万元.
 */

const int = () => z.number().int();
const count = (keys: readonly string[]) => z.object(Object.fromEntries(keys.map((k) => [k, int()])));
const localized = z.object({ zh: z.string(), en: z.string() });
export const periodSchema = z.object({ from: dateSchema.meta({ description: 'first day, included' }), to: dateSchema.meta({ description: 'last day, included' }) });

const disputeFigures = z.object({
  opened: int(),
  resolved: int(),
  amountRecoveredFen: int(),
  groupDisputes: int().meta({ description: 'resolved in the period and involving 30 or more workers' }),
  avgDaysToResolve: z.number().meta({ description: 'days from opening to resolution, over the cases resolved in the period; one decimal' }),
  groupDisputesOpened: int(),
  byOutcome: count(DISPUTE_OUTCOMES),
});
const mediationFigures = z.object({
  referred: int(),
  concluded: int().meta({ description: 'ended in the period: agreement, failure or withdrawal' }),
  succeeded: int(),
  successRate: z.number().meta({ description: 'succeeded / concluded, four decimals; 0 when none concluded' }),
  amountRecoveredFen: int().meta({ description: 'agreed amounts of the agreements dated in the period' }),
  failed: int(),
  withdrawn: int(),
});

export const summarySchema = z
  .object({
    period: periodSchema,
    subDistrict: z.string().nullable().meta({ description: 'the sub-district the figures are limited to; null for the whole district' }),
    disputes: disputeFigures,
    complaints: z.object({
      received: int(),
      handled: int().meta({ description: 'answered and closed, or converted into a case, in the period' }),
      bySource: count(COMPLAINT_SOURCES),
      handledBySource: count(COMPLAINT_SOURCES),
      converted: int(),
    }),
    mediations: mediationFigures,
    alerts: z.object({
      submitted: int(),
      red: int(),
      yellow: int(),
      green: int(),
      escalated: int(),
      convertedToCases: int(),
      medianMinutesToAcknowledge: z.number().meta({ description: 'over the alerts first acknowledged in the period; one decimal' }),
      acknowledged: int(),
      dismissed: int(),
      ungraded: int(),
    }),
    informants: z.object({
      active: int().meta({ description: 'registered by the end of the period and not deactivated before it began' }),
      reportedOnline: int().meta({ description: 'of those, informants with an alert submitted in the period' }),
    }),
  })
  .meta({ title: 'Summary' });

export const byMonthSchema = z
  .object({ subDistrict: z.string().nullable(), months: z.array(summarySchema.extend({ month: z.string().meta({ example: '2026-11' }) })) })
  .meta({ title: 'ByMonth' });

export const bySubDistrictSchema = z
  .object({ period: periodSchema, items: z.array(summarySchema.extend({ name: localized })), total: summarySchema })
  .meta({ title: 'BySubDistrict' });

export const byCategorySchema = z
  .object({
    period: periodSchema,
    subDistrict: z.string().nullable(),
    items: z.array(z.object({ category: z.string(), name: localized, disputes: disputeFigures, mediations: mediationFigures })),
  })
  .meta({ title: 'ByCategory' });

export const watchListSchema = z
  .object({
    window: periodSchema.meta({ description: 'by default the three years to today, as on the enterprise view' }),
    subDistrict: z.string().nullable(),
    weights: z.object({ groupDispute: int(), dispute: int(), openDispute: int(), redAlert: int(), yellowAlert: int() }),
    total: int(),
    items: z.array(
      z.object({
        creditCode: z.string(),
        name: z.string().meta({ description: 'the name most recently registered for the credit code' }),
        disputes: int(),
        groupDisputes: int(),
        openDisputes: int(),
        mediations: int(),
        redAlerts: int(),
        yellowAlerts: int(),
        alerts: int(),
        workersInvolved: int(),
        amountRecoveredFen: int(),
        subDistricts: z.array(z.string()),
        lastActivityOn: dateSchema,
        score: int(),
        reasons: z.array(z.enum(['group_dispute', 'repeated_disputes', 'red_alert'])),
      }),
    ),
  })
  .meta({ title: 'WatchList' });

export const annualReportSchema = z
  .object({
    year: int(),
    subDistrict: z.string().nullable(),
    locale: z.enum(['zh', 'en']),
    figures: summarySchema,
    text: z.string().meta({ description: 'the annual work report’s sentence with the year’s figures' }),
  })
  .meta({ title: 'AnnualReport' });

const row = (fields: Record<string, z.ZodType>) => z.array(z.object(fields));
export const monthlyReportSchema = z
  .object({
    month: z.string().meta({ example: '2026-11' }),
    period: periodSchema,
    generatedAt: instantSchema,
    trigger: z.enum(['schedule', 'on_demand']),
    summary: summarySchema,
    summaries: z.record(z.string(), summarySchema).meta({ description: 'each sub-district’s figures' }),
    disputes: row({
      subDistrict: z.string(),
      category: z.string(),
      channel: z.string(),
      opened: int(),
      resolved: int(),
      byOutcome: count(DISPUTE_OUTCOMES),
      groupOpened: int(),
      groupResolved: int(),
      amountRecoveredFen: int(),
    }),
    complaints: row({ subDistrict: z.string(), source: z.string(), received: int(), handled: int(), handledClosed: int(), converted: int() }),
    mediations: row({
      subDistrict: z.string(),
      category: z.string(),
      referred: int(),
      concluded: int(),
      succeeded: int(),
      failed: int(),
      withdrawn: int(),
      amountRecoveredFen: int(),
    }),
    alerts: row({
      subDistrict: z.string(),
      submitted: int(),
      red: int(),
      yellow: int(),
      green: int(),
      ungraded: int(),
      acknowledged: int(),
      escalated: int(),
      convertedToCases: int(),
      dismissed: int(),
    }),
    overdueClocks: row({ subDistrict: z.string(), kind: z.string(), overdue: int() }),
    overdueClocksTotal: int(),
  })
  .meta({ title: 'MonthlyReport' });

export const monthlyReportViewSchema = z
  .object({
    subDistrict: z.string().nullable(),
    report: monthlyReportSchema,
    revision: int().meta({ description: 'this version (1: as first issued)' }),
    currentRevision: int(),
    outOfDate: z.boolean().meta({ description: 'later events changed the month’s figures since this version was issued' }),
    live: summarySchema.nullable().meta({ description: 'when out of date: the month’s figures as they are now' }),
    versions: z
      .array(
        z.object({
          revision: int(),
          generatedAt: instantSchema,
          generatedBy: z.string().nullable().meta({ description: 'the id of the account that issued it; null: the monthly job' }),
          current: z.boolean(),
          reason: z.string().nullable().meta({ description: 'why this revision was issued; null for the report as first issued' }),
          actor: z
            .object({ id: z.string().nullable(), role: z.string().nullable(), displayName: z.string().nullable(), username: z.string().nullable() })
            .meta({ description: 'who issued it, as timelines name people (all null for the monthly job)' }),
        }),
      )
      .meta({ description: 'every version, newest first: the report’s audit' }),
  })
  .meta({ title: 'MonthlyReportView' });

export const generatedMonthlyReportSchema = z
  .object({ created: z.boolean().meta({ description: 'false: the month had a report already, which is answered' }), report: monthlyReportSchema })
  .meta({ title: 'GeneratedMonthlyReport' });

export const revisedMonthlyReportSchema = z.object({ month: z.string(), revision: int() }).meta({ title: 'RevisedMonthlyReport' });
