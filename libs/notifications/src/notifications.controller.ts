import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow, CurrentActor, Describe, pageQueryFields, ProblemResponses, sortQueryField, ZodParam, ZodQuery, ZodResponse } from '@lc/http';
import { AuthenticatedActor } from '@lc/access';
import { CountUnreadNotificationsQuery } from './count-unread/count-unread.query';
import { ListNotificationsQuery, NOTIFICATION_SORT_COLUMNS } from './list-notifications/list-notifications.query';
import { MarkAllNotificationsReadCommand } from './mark-all-read/mark-all-read.command';
import { MarkNotificationReadCommand } from './mark-read/mark-read.command';
import { markedAllReadSchema, markedReadSchema, notificationPageSchema, unreadCountSchema } from './notification.schemas';
import { ReadsModels } from '@lc/projections';

const listNotifications = z.strictObject({
  kind: z.string().trim().regex(/^[a-z0-9_]{1,64}$/, 'must be a notification kind such as group_dispute_flagged').optional(),
  unread: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  sort: sortQueryField(NOTIFICATION_SORT_COLUMNS, '-createdAt'),
  ...pageQueryFields,
});
const notificationId = z.uuid('must be the id (uuid) of a notification');

/*
 * Each person's inbox: notifications addressed to their role in their scope (supervisors: group
 * disputes, red and escalated alerts; mediators: alerts routed to their sub-district) and to them
 * by name (mediators: work assigned to them, their clocks due soon or overdue), with their own
 * read state.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  @Allow('supervisor', 'mediator', 'admin')
  @Describe('The caller’s notifications, newest first', 'With the caller’s read state and unread count. `unread=true` lists the unread only.')
  @ZodResponse(200, notificationPageSchema, 'One page of notifications', { fresh: true })
  @ProblemResponses(400, 401, 403)
  @ReadsModels('notifications')
  list(@ZodQuery(listNotifications) query: z.output<typeof listNotifications>, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new ListNotificationsQuery(actor, query));
  }

  @Get('unread-count')
  @ReadsModels('notifications')
  @Allow('supervisor', 'mediator', 'admin')
  @Describe('How many of the caller’s notifications are unread', 'For the badge on the bell; cheap enough to poll.')
  @ZodResponse(200, unreadCountSchema, 'The unread count', { fresh: true })
  @ProblemResponses(401, 403)
  unreadCount(@CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new CountUnreadNotificationsQuery(actor));
  }

  @Post('read-all')
  @HttpCode(200)
  @Allow('supervisor', 'mediator', 'admin')
  @Describe('Marks every notification of the caller as read', 'Those raised later stay unread.')
  @ZodResponse(200, markedAllReadSchema, 'How many were marked')
  @ProblemResponses(401, 403)
  readAll(@CurrentActor() actor: AuthenticatedActor) {
    return this.commands.execute(new MarkAllNotificationsReadCommand(actor));
  }

  @Post(':id/read')
  @HttpCode(200)
  @Allow('supervisor', 'mediator', 'admin')
  @Describe('Marks one notification as read', 'Marking it again keeps the first time it was read. Another person’s notification answers 404.')
  @ZodResponse(200, markedReadSchema, 'Marked read')
  @ProblemResponses(400, 401, 403, 404)
  read(@ZodParam('id', notificationId) id: string, @CurrentActor() actor: AuthenticatedActor) {
    return this.commands.execute(new MarkNotificationReadCommand(id, actor));
  }
}
