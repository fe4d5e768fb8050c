import { canonical } from '../idempotency/idempotency.interceptor';
import { jsonDepth, MAX_JSON_DEPTH, refuseDeepJson, unstorableFields } from './input-guard';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('jsonDepth', () => {
  it('counts nesting, not brackets inside strings', () => {
    expect(jsonDepth(bytes('1'))).toBe(0);
    expect(jsonDepth(bytes('{"a":[1,{"b":2}]}'))).toBe(3);
    expect(jsonDepth(bytes('{"a":"[[[[{{{{"}'))).toBe(1);
    expect(jsonDepth(bytes('{"a":"\\"[[[["}'))).toBe(1);
  });

  it('measures 100,000 levels without recursion', () => {
    expect(jsonDepth(bytes(nested(100_000)))).toBe(100_000);
  });
});

describe('refuseDeepJson', () => {
  it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more with a 400 naming the body`, () => {
    expect(() => refuseDeepJson()(undefined as never, undefined as never, bytes(nested(MAX_JSON_DEPTH)))).not.toThrow();
    expect(() => refuseDeepJson()(undefined as never, undefined as never, bytes(nested(MAX_JSON_DEPTH + 1)))).toThrow(
      expect.objectContaining({ code: 'validation_failed', errors: [expect.objectContaining({ field: 'body' })] }),
    );
  });
});

describe('unstorableFields', () => {
  it('names each string with a NUL or a lone surrogate by its dotted path', () => {
    expect(
      unstorableFields({
        summary: 'ok',
        employer: { name: 'a\u0000b' },
        claimants: [{ name: '张三' }, { name: '\ud800x' }],
        note: 'x\udc00',
        pair: '😀',
      }),
    ).toEqual([
      { field: 'employer.name', message: expect.stringContaining('NUL') },
      { field: 'claimants.1.name', message: expect.stringContaining('surrogate') },
      { field: 'note', message: expect.stringContaining('surrogate') },
    ]);
  });

  it('names a bad key with its escape, and accepts good text, numbers and nulls', () => {
    expect(unstorableFields({ ['a\u0000']: 1 })).toEqual([{ field: 'a\\u0000', message: expect.stringContaining('field name') }]);
    expect(unstorableFields({ a: 1, b: null, c: true, d: ['x', '😀 表情'] })).toEqual([]);
    expect(unstorableFields('\u0000')).toEqual([{ field: 'body', message: expect.any(String) }]);
  });

  it('walks any depth without recursion and reports at most 20', () => {
    let deep: unknown = 'bad\u0000';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(unstorableFields(deep)).toHaveLength(1);
    expect(unstorableFields(Array.from({ length: 500 }, () => '\u0000'))).toHaveLength(20);
  });
});

describe('canonical (the Idempotency-Key request hash)', () => {
  it('sorts keys at every level and keeps arrays in order', () => {
    expect(canonical({ b: 1, a: [2, { d: 'x', c: null }] })).toBe('{"a":[2,{"c":null,"d":"x"}],"b":1}');
    expect(canonical({ a: 1, b: 2 })).toBe(canonical({ b: 2, a: 1 }));
    expect(canonical([])).toBe('[]');
    expect(canonical({})).toBe('{}');
    expect(canonical(null)).toBe('null');
    expect(canonical(undefined)).toBe('null');
    expect(canonical('s')).toBe('"s"');
  });

  it('writes what JSON.stringify writes for already-sorted input', () => {
    const value = { a: [1, 'two', { b: [true, null, { c: 3.5 }] }], d: { e: '表' } };
    expect(canonical(value)).toBe(JSON.stringify(value));
  });

  it('takes 100,000 levels without exhausting the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(canonical(deep)).toHaveLength('{"a":'.length * 100_000 + 1 + 100_000);
  });
});
