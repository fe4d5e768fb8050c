export * from './notifier';
export * from './notification.entity';
export * from './notifications.module';
export * from './notifications.projection';
export * from './notification.schemas';
