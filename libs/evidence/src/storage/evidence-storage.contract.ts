import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EvidenceStorage } from './evidence-storage.port';

/**
 * What every evidence storage adapter must do, run against a real backend by each adapter's
 * integration spec (PostgreSQL always; S3 when S3_ENDPOINT is set).
 */
export function evidenceStorageContract(name: string, open: () => Promise<{ storage: EvidenceStorage; close: () => Promise<void> }>): void {
  describe(`evidence storage contract: ${name}`, () => {
    let storage: EvidenceStorage;
    let close: () => Promise<void>;

    beforeAll(async () => {
      ({ storage, close } = await open());
    });
    afterAll(async () => close?.());

    const file = (content: Buffer) => ({
      fileId: randomUUID(),
      content,
      contentType: 'application/pdf',
      sha256: createHash('sha256').update(content).digest('hex'),
    });

    it('gives back the bytes it was given, byte for byte (binary, every byte value)', async () => {
      const content = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(200_000)]);
      const stored = file(content);
      await storage.put(stored);
      const read = await storage.get(stored.fileId);
      expect(read && Buffer.compare(read, content)).toBe(0);
    });

    it('has nothing for an id it never stored', async () => {
      expect(await storage.get(randomUUID())).toBeUndefined();
    });

    it('deletes the bytes, and deleting again or deleting the unknown is no error', async () => {
      const stored = file(randomBytes(1000));
      await storage.put(stored);
      await storage.delete(stored.fileId);
      expect(await storage.get(stored.fileId)).toBeUndefined();
      await storage.delete(stored.fileId);
      await storage.delete(randomUUID());
    });

    it('putting the same id again keeps the last bytes (a retried upload)', async () => {
      const first = file(randomBytes(100));
      await storage.put(first);
      const again = { ...file(randomBytes(120)), fileId: first.fileId };
      await storage.put(again);
      expect(Buffer.compare((await storage.get(first.fileId))!, again.content)).toBe(0);
    });

    it('keeps an empty file apart from no file', async () => {
      const empty = file(Buffer.alloc(0));
      await storage.put(empty);
      expect((await storage.get(empty.fileId))?.length).toBe(0);
    });
  });
}
