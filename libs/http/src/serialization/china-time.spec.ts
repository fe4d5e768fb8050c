import { chinaTime, chinaTimeReplacer } from './china-time';

describe('instants in China Standard Time', () => {
  it('writes an instant with the +08:00 offset, across midnight', () => {
    expect(chinaTime(new Date('2026-12-01T01:15:00Z'))).toBe('2026-12-01T09:15:00.000+08:00');
    expect(chinaTime(new Date('2026-11-30T17:30:00.123Z'))).toBe('2026-12-01T01:30:00.123+08:00');
  });

  it('rewrites Dates and UTC instant strings in JSON, and leaves dates and other text alone', () => {
    const body = {
      createdAt: new Date('2026-03-10T02:00:00Z'),
      occurredAt: '2026-03-03T02:00:00.000Z',
      openedOn: '2026-03-02',
      nested: [{ at: '2026-03-03T02:00:00Z' }],
      summary: 'paid at 2026-03-03T02:00:00Z',
      deadlineAt: null,
      already: '2026-03-03T10:00:00+08:00',
    };
    expect(JSON.parse(JSON.stringify(body, chinaTimeReplacer))).toEqual({
      createdAt: '2026-03-10T10:00:00.000+08:00',
      occurredAt: '2026-03-03T10:00:00.000+08:00',
      openedOn: '2026-03-02',
      nested: [{ at: '2026-03-03T10:00:00.000+08:00' }],
      summary: 'paid at 2026-03-03T02:00:00Z',
      deadlineAt: null,
      already: '2026-03-03T10:00:00+08:00',
    });
    // The same instant either way.
    expect(Date.parse(chinaTime(new Date('2026-03-10T02:00:00Z')))).toBe(Date.parse('2026-03-10T02:00:00Z'));
  });
});
