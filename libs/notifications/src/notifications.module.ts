import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ListNotificationsHandler } from './list-notifications/list-notifications.handler';
import { NotificationView } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsProjection } from './notifications.projection';

/** The API side: GET /notifications. */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature([NotificationView])],
  controllers: [NotificationsController],
  providers: [ListNotificationsHandler],
})
export class NotificationsModule {}

/** The worker side: the one projection that runs every context's @RegisterNotifier() providers. */
@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([NotificationView])],
  providers: [NotificationsProjection],
})
export class NotificationsProjectionModule {}
