import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CountUnreadNotificationsHandler } from './count-unread/count-unread.handler';
import { ListNotificationsHandler } from './list-notifications/list-notifications.handler';
import { MarkAllNotificationsReadHandler } from './mark-all-read/mark-all-read.handler';
import { MarkNotificationReadHandler } from './mark-read/mark-read.handler';
import { NotificationView } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsProjection } from './notifications.projection';
import { NotificationRead } from './read-state/notification-read.entity';

/** The API side: each person's notifications and their read state. */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature([NotificationView, NotificationRead])],
  controllers: [NotificationsController],
  providers: [ListNotificationsHandler, CountUnreadNotificationsHandler, MarkNotificationReadHandler, MarkAllNotificationsReadHandler],
})
export class NotificationsModule {}

/** The worker side: the one projection that runs every context's @RegisterNotifier() providers. */
@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([NotificationView])],
  providers: [NotificationsProjection],
})
export class NotificationsProjectionModule {}
