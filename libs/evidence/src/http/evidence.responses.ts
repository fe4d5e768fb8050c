import { z } from 'zod';
import { instantSchema } from '@lc/http';

/* The response shapes of the evidence routes (EvidenceAttachedAnswer, EvidenceList, EvidenceRemovedAnswer), for the OpenAPI document. */

export const evidenceFileSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    contentType: z.string().meta({ description: 'told from the content', example: 'application/pdf' }),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    description: z.string().meta({ description: 'what the file shows' }),
    attachedAt: instantSchema,
    attachedBy: z.object({ id: z.string(), displayName: z.string().nullable() }),
    erased: z.boolean().meta({ description: 'erased with a person’s personal data: the fact stays, the bytes are gone (download: 410)' }),
    href: z.string().meta({ description: 'where to download it' }),
  })
  .meta({ title: 'EvidenceFile' });

export const evidenceAttachedSchema = z
  .object({
    recordId: z.uuid(),
    version: z.number().int().meta({ description: 'the record’s version after the upload (its ETag)' }),
    created: z.boolean().meta({ description: 'false when the record held these bytes already: the same file twice is one file' }),
    file: evidenceFileSchema,
  })
  .meta({ title: 'EvidenceAttached' });

export const evidenceListSchema = z
  .object({ recordId: z.uuid(), version: z.number().int(), items: z.array(evidenceFileSchema).meta({ description: 'the files the record keeps now, oldest first' }) })
  .meta({ title: 'EvidenceList' });

export const evidenceRemovedSchema = z.object({ recordId: z.uuid(), fileId: z.uuid(), version: z.number().int() }).meta({ title: 'EvidenceRemoved' });
