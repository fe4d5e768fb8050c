import { isoDateSchema, isoInstantSchema } from './schemas';

const messages = (schema: typeof isoDateSchema | typeof isoInstantSchema, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('date and instant schemas: the span 1949-10-01..2099-12-31', () => {
  it('refuses year 1, the day before 1949-10-01 and year 9999; accepts the bounds', () => {
    for (const date of ['0001-01-01', '1949-09-30', '9999-12-31', '2100-01-01']) expect(messages(isoDateSchema, date)).toEqual([expect.stringContaining('1949-10-01')]);
    for (const date of ['1949-10-01', '2099-12-31', '2026-03-10']) expect(messages(isoDateSchema, date)).toEqual([]);
  });

  it('judges an instant by its day in Shanghai', () => {
    expect(messages(isoInstantSchema, '1949-09-30T16:00:00Z')).toEqual([]); // 1949-10-01 00:00 in Shanghai
    expect(messages(isoInstantSchema, '1949-09-30T15:59:59Z')).toEqual([expect.stringContaining('China time')]);
    expect(messages(isoInstantSchema, '0001-01-01T00:00:00Z')).toHaveLength(1);
  });

  it('answers text that is no instant with the format message alone, never an exception (found by the fuzz test)', () => {
    expect(() => isoInstantSchema.safeParse('\u{10fffe}宂\u0013')).not.toThrow();
    expect(messages(isoInstantSchema, '\u{10fffe}宂\u0013')).toEqual([expect.stringContaining('ISO 8601')]);
    expect(messages(isoDateSchema, 'x')).toHaveLength(1);
  });
});
