import { z } from 'zod';
import { ValidationFailedError } from '../problem-details/errors';
import { ZodPipe } from './zod.pipe';

const schema = z.strictObject({
  employer: z.object({
    name: z.string().min(1),
    creditCode: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'must be an 18-character Unified Social Credit Code'),
  }),
  claimants: z.array(z.object({ idNumber: z.string().length(18) })).min(1),
  workersInvolved: z.coerce.number().int().positive().default(1),
});

async function failure(value: unknown): Promise<ValidationFailedError> {
  try {
    await new ZodPipe(schema).transform(value);
  } catch (error) {
    if (error instanceof ValidationFailedError) return error;
    throw error;
  }
  throw new Error('expected the pipe to refuse the value');
}

describe('ZodPipe', () => {
  it('returns the parsed value, with defaults and coercions applied', async () => {
    const value = {
      employer: { name: '深圳某电子厂', creditCode: '91440300708461136T' },
      claimants: [{ idNumber: '11010519491231002X' }],
    };
    await expect(new ZodPipe(schema).transform(value)).resolves.toEqual({ ...value, workersInvolved: 1 });
  });

  it('names each bad field by its dotted path', async () => {
    const error = await failure({
      employer: { name: '', creditCode: 'nope' },
      claimants: [{ idNumber: '11010519491231002X' }, { idNumber: '123' }],
    });
    expect(error.code).toBe('validation_failed');
    expect(error.errors.map((e) => e.field)).toEqual(['employer.name', 'employer.creditCode', 'claimants.1.idNumber']);
    expect(error.errors[1].message).toBe('must be an 18-character Unified Social Credit Code');
  });

  it('names missing fields and unknown ones', async () => {
    const error = await failure({ employer: { name: 'x', creditCode: '91440300708461136T' }, claimants: [{}], extra: 1 });
    expect(error.errors).toEqual([
      { field: 'claimants.0.idNumber', message: expect.any(String) },
      { field: 'extra', message: 'is not allowed' },
    ]);
  });

  it('refuses a body that is not an object at all, at the root', async () => {
    const error = await failure('hello');
    expect(error.errors).toEqual([{ field: '', message: expect.stringContaining('object') }]);
  });

  it('runs async refinements', async () => {
    const unique = z.string().refine(async (v) => v !== 'taken', 'is already taken');
    await expect(new ZodPipe(unique).transform('free')).resolves.toBe('free');
    await expect(new ZodPipe(unique).transform('taken')).rejects.toMatchObject({
      errors: [{ field: '', message: 'is already taken' }],
    });
  });
});

describe("zod's messages for a missing or mistyped field", () => {
  const body = z.strictObject({
    amountFen: z.number().int(),
    summary: z.string(),
    employer: z.object({ name: z.string() }),
    workers: z.array(z.string()),
    paid: z.boolean(),
    note: z.string({ error: 'what the step was, in a few words' }),
  });

  it('say "is required" for a field that is missing, and what it must be for one of another type', async () => {
    const refused = await new ZodPipe(body).transform({ summary: 12, employer: null, workers: '张三', paid: 'yes' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationFailedError);
    expect((refused as ValidationFailedError).errors).toEqual([
      { field: 'amountFen', message: 'is required' },
      { field: 'summary', message: 'must be text' },
      { field: 'employer', message: 'must be an object, not null' },
      { field: 'workers', message: 'must be a list' },
      { field: 'paid', message: 'must be true or false' },
      // A schema's own words win.
      { field: 'note', message: 'what the step was, in a few words' },
    ]);
  });

  it('say "is required" for a body that is missing altogether', async () => {
    const refused = await new ZodPipe(body).transform(undefined).catch((e: unknown) => e);
    expect((refused as ValidationFailedError).errors).toEqual([{ field: '', message: 'is required' }]);
  });
});
