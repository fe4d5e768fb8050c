import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { AttachEvidenceHandler } from './attach-evidence/attach-evidence';
import { EvidenceErasuresProjection } from './erasure/evidence-erasures.projection';
import { EvidenceStreams } from './evidence/evidence-streams';
import { EvidenceController } from './http/evidence.controller';
import { EvidenceUploadInterceptor } from './http/evidence-upload.interceptor';
import { GetEvidenceFileHandler, ListEvidenceHandler } from './read-evidence/read-evidence';
import { RemoveEvidenceHandler } from './remove-evidence/remove-evidence';
import { EVIDENCE_STORAGE, EvidenceStorage } from './storage/evidence-storage.port';
import { PostgresEvidenceStorage } from './storage/postgres-evidence-storage';
import { S3EvidenceStorage } from './storage/s3-evidence-storage';

/** The storage EVIDENCE_STORE names: PostgreSQL (default) or an S3-compatible store. */
export function evidenceStorage(config: AppConfig, dataSource: DataSource): EvidenceStorage {
  if (config.EVIDENCE_STORE === 's3') {
    return new S3EvidenceStorage({
      endpoint: config.S3_ENDPOINT!,
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID!,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
    });
  }
  return new PostgresEvidenceStorage((sql, params) => dataSource.query(sql, params));
}

@Global()
@Module({
  providers: [{ provide: EVIDENCE_STORAGE, inject: [APP_CONFIG, DataSource], useFactory: evidenceStorage }],
  exports: [EVIDENCE_STORAGE],
})
export class EvidenceStorageModule {}

/** The API side: upload, list, download, remove. */
@Module({
  imports: [EvidenceStorageModule],
  controllers: [EvidenceController],
  providers: [EvidenceStreams, EvidenceUploadInterceptor, AttachEvidenceHandler, RemoveEvidenceHandler, ListEvidenceHandler, GetEvidenceFileHandler],
})
export class EvidenceModule {}

/** The worker side: evidence erased with a person, bytes of removed files deleted. */
@Module({
  imports: [EvidenceStorageModule],
  providers: [EvidenceErasuresProjection],
})
export class EvidenceWorkerModule {}
