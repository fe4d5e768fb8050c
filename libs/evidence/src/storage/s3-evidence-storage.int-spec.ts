import { evidenceStorageContract } from './evidence-storage.contract';
import { S3EvidenceStorage } from './s3-evidence-storage';

/**
 * The evidence storage contract against a real S3-compatible server named by S3_ENDPOINT (e.g.
 * MinIO: S3_ENDPOINT=http://127.0.0.1:9000 S3_ACCESS_KEY_ID=minioadmin S3_SECRET_ACCESS_KEY=minioadmin).
 * Without one the suite says plainly that it did not run; it never fakes a server.
 */
const endpoint = process.env.S3_ENDPOINT;
const describeWithServer = endpoint ? describe : describe.skip;

describeWithServer(endpoint ? 'S3 evidence storage' : 'S3 evidence storage (skipped: S3_ENDPOINT is not set, no server to test against)', () => {
  evidenceStorageContract('S3', async () => {
    const storage = new S3EvidenceStorage({
      endpoint: endpoint!,
      bucket: process.env.S3_BUCKET ?? 'labour-cases-evidence-test',
      region: process.env.S3_REGION ?? 'us-east-1',
      accessKeyId: process.env.S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? '',
    });
    await storage.ensureBucket();
    return { storage, close: async () => undefined };
  });
});
