import { EventStore1763700000000 } from './1763700000000-event-store';

/** Every migration of the one PostgreSQL schema, oldest first. Add new ones at the end. */
export const migrations = [EventStore1763700000000];
