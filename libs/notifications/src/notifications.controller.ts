import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow, AuthenticatedActor, CurrentActor, pageQueryFields, sortQueryField, ZodQuery } from '@lc/http';
import { ListNotificationsQuery, NOTIFICATION_SORT_COLUMNS } from './list-notifications/list-notifications.query';

const listNotifications = z.strictObject({
  kind: z.string().trim().regex(/^[a-z0-9_]{1,64}$/, 'must be a notification kind such as group_dispute_flagged').optional(),
  sort: sortQueryField(NOTIFICATION_SORT_COLUMNS, '-createdAt'),
  ...pageQueryFields,
});

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('supervisor', 'admin')
  list(@ZodQuery(listNotifications) query: z.output<typeof listNotifications>, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new ListNotificationsQuery(actor, query));
  }
}
