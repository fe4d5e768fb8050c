export * from './audit-trail.module';
export * from './timeline-entry.entity';
