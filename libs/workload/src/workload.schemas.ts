import { z } from 'zod';
import { dateSchema, instantSchema } from '@lc/http';

/*
 * The response shapes of GET /mediators and GET /me/work, documented in the OpenAPI document:
 * the web application's assignment picker and mediator's home are built on them.
 */

export const workloadSchema = z
  .object({
    openCases: z.number().int().meta({ description: 'dispute cases assigned to the mediator and open' }),
    openMediations: z.number().int().meta({ description: 'pre-litigation mediations assigned to the mediator, referred or in progress' }),
    clocksOverdue: z.number().int().meta({ description: 'statutory clocks of their work whose deadline has passed with the work not done' }),
    clocksDueSoon: z.number().int().meta({ description: 'clocks within their reminder window (3 days; 30 for the arbitration limitation)' }),
  })
  .meta({ title: 'Workload' });

export const mediatorItemSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string().meta({ description: 'the name people know them by (the username when none was given)', example: '李梅' }),
    subDistrict: z.string().meta({ example: 'pinghu' }),
    active: z.boolean(),
    workload: workloadSchema,
  })
  .meta({ title: 'Mediator' });

export const mediatorPageSchema = z
  .object({
    items: z.array(mediatorItemSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .meta({ title: 'MediatorPage' });

export type MediatorItem = z.output<typeof mediatorItemSchema>;

export const URGENCIES = ['overdue', 'due_soon', 'running', 'none'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const nextClockSchema = z
  .object({
    clockId: z.string(),
    kind: z.enum(['mediation_period', 'judicial_confirmation', 'dispute_mediation', 'arbitration_limitation', 'alert_pickup']),
    startedOn: dateSchema,
    lastDay: dateSchema.meta({ description: 'the last whole day the law allows (China Standard Time)' }),
    deadlineAt: instantSchema,
    overdue: z.boolean(),
    dueSoon: z.boolean().meta({ description: 'within the reminder window and not yet overdue' }),
    daysLeft: z.number().int().meta({ description: 'whole days to the deadline, rounded up; 0 or less when overdue' }),
  })
  .meta({ title: 'NextClock' });

export const workItemSchema = z
  .object({
    kind: z.enum(['dispute', 'mediation']),
    id: z.uuid(),
    reference: z.string().meta({ description: 'the case number (dispute) or the court’s case number (mediation)', example: 'LG-PH-2026-0042' }),
    status: z.string().meta({ description: 'dispute: open; mediation: referred, in_progress or agreed (awaiting judicial confirmation)' }),
    subDistrict: z.string(),
    category: z.string(),
    employer: z.object({ name: z.string(), creditCode: z.string() }),
    workers: z.number().int().meta({ description: 'workers involved (dispute) or named (mediation)' }),
    since: dateSchema.meta({ description: 'opened on (dispute) or referred on (mediation)' }),
    nextClock: nextClockSchema.nullable().meta({ description: 'the running clock with the earliest deadline; null when none runs' }),
    urgency: z.enum(URGENCIES).meta({ description: 'overdue, due_soon, running (a clock runs, not yet due) or none' }),
    updatedAt: instantSchema,
    version: z.number().int().meta({ description: 'the record’s version, for If-Match' }),
  })
  .meta({ title: 'WorkItem' });

export const myWorkSchema = z
  .object({
    items: z.array(workItemSchema).meta({ description: 'most urgent first: overdue, due soon, running clocks by deadline, then the rest oldest first' }),
    counts: z.object({
      cases: z.number().int(),
      mediations: z.number().int(),
      overdue: z.number().int(),
      dueSoon: z.number().int(),
    }),
    asOf: instantSchema.meta({ description: 'the time urgency was judged at' }),
  })
  .meta({ title: 'MyWork' });

export type WorkItem = Omit<z.output<typeof workItemSchema>, 'updatedAt' | 'nextClock'> & {
  updatedAt: Date;
  nextClock: (Omit<z.output<typeof nextClockSchema>, 'deadlineAt'> & { deadlineAt: Date }) | null;
};
