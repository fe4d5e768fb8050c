import { z } from 'zod';

/* The parties as responses show them (OpenAPI components Employer and Claimant; the web client's types come from them). */

export const employerResponseSchema = z.object({ name: z.string(), creditCode: z.string().meta({ description: 'unified social credit code' }) });

export const claimantResponseSchema = z
  .object({
    name: z.string(),
    idNumber: z.string().optional().meta({ description: 'resident ID number: in full on a case’s detail for those who may see it, masked elsewhere' }),
    phone: z.string().optional().meta({ description: 'masked like idNumber' }),
    personId: z.string().optional().meta({ description: 'the person whose data this is (for erasure requests)' }),
    erased: z.boolean().optional().meta({ description: 'the person’s data was erased on request: name and numbers read 已删除' }),
  })
  .meta({ title: 'Claimant' });
