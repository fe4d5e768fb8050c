/*
 * The notifications context's migrations, published as @lc/notifications/migrations for
 * @lc/migrations, which assembles every lib's into the one list. Only the migration files: `worker
 * migrate` loads this without loading any Nest module.
 */
import { Notifications1763700000011 } from './migrations/1763700000011-notifications';
import { NotificationRecipients1763700000121 } from './migrations/1763700000121-notification-recipients';

export const migrations = [Notifications1763700000011, NotificationRecipients1763700000121];
