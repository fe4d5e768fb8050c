import { z } from 'zod';
import { instantSchema } from '@lc/http';

/** The response shapes of /notifications, documented in the OpenAPI document. */
export const notificationItemSchema = z
  .object({
    id: z.uuid(),
    kind: z.string().meta({
      description:
        'what happened: group_dispute_flagged, red_alert, alert_escalated, alert_routed, mediator_assigned, clock_due_soon, clock_overdue',
      example: 'mediator_assigned',
    }),
    audience: z.object({
      role: z.enum(['admin', 'supervisor', 'mediator', 'informant']),
      subDistrict: z.string().nullable().meta({ description: 'null: the whole district' }),
      accountId: z.uuid().nullable().meta({ description: 'addressed to this one person; null: to everyone of the role in the scope' }),
    }),
    subject: z.object({
      kind: z.string().meta({ description: 'dispute, mediation, alert...', example: 'dispute' }),
      stream: z.string().meta({ example: 'dispute-0b6f…' }),
      id: z.string().meta({ description: 'the id of the record, for its detail route' }),
    }),
    title: z.object({ zh: z.string(), en: z.string() }),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).meta({
      description: 'the values the title was made from (caseNo, employerName, deadlineAt...), for clients rendering their own text',
    }),
    createdAt: instantSchema,
    read: z.boolean().meta({ description: 'whether the caller has read it' }),
    readAt: instantSchema.nullable(),
  })
  .meta({ title: 'Notification' });

export type NotificationItem = Omit<z.output<typeof notificationItemSchema>, 'createdAt' | 'readAt' | 'audience'> & {
  audience: { role: string; subDistrict: string | null; accountId: string | null };
  createdAt: Date;
  readAt: Date | null;
};

export const notificationPageSchema = z
  .object({
    items: z.array(notificationItemSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int().meta({ description: 'every match of the filter, not just this page' }),
    unread: z.number().int().meta({ description: "the caller's unread notifications, whatever the filter" }),
  })
  .meta({ title: 'NotificationPage' });

export const unreadCountSchema = z.object({ unread: z.number().int() }).meta({ title: 'UnreadCount' });

export const markedReadSchema = z
  .object({ id: z.uuid(), read: z.literal(true), readAt: instantSchema })
  .meta({ title: 'NotificationRead' });

export const markedAllReadSchema = z
  .object({ marked: z.number().int().meta({ description: 'how many were unread until now' }), unread: z.literal(0) })
  .meta({ title: 'NotificationsAllRead' });
