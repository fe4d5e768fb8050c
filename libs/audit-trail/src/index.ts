export * from './audit-trail.module';
export * from './timeline-entry.entity';
export * from './timeline-item';
