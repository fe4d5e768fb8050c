export * from './evidence/evidence.decider';
export * from './evidence/file-type';
export * from './evidence/evidence-records';
export type { EvidenceFileView } from './evidence/evidence-streams';
export * from './storage/evidence-storage.port';
export * from './storage/postgres-evidence-storage';
export * from './storage/s3-evidence-storage';
export * from './evidence.module';
