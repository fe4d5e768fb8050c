import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Who did what, when, to which record: one row per event, without the event's data (which may
 * hold personal data). Supervisors search it by actor, record and date.
 */
@Entity({ name: 'timeline_entries' })
@Index(['streamId', 'streamVersion'], { unique: true })
export class TimelineEntry {
  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @Column('text', { name: 'stream_id' })
  streamId: string;

  @Column('int', { name: 'stream_version' })
  streamVersion: number;

  @Column('text', { name: 'type' })
  type: string;

  @Column('text', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('text', { name: 'actor_role', nullable: true })
  actorRole: string | null;

  @Column('text', { name: 'correlation_id', nullable: true })
  correlationId: string | null;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;

  @Column('text', { name: 'global_position' })
  globalPosition: string;
}
