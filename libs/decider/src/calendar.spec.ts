import { addDays, daysBetween, isIsoDate, isIsoInstant, shanghaiDate, shanghaiInstant, startOfShanghaiDay } from './calendar';

describe('China Standard Time calendar', () => {
  it('dates an instant by the Shanghai calendar, eight hours ahead of UTC', () => {
    expect(shanghaiDate(new Date('2026-03-10T02:00:00Z'))).toBe('2026-03-10');
    expect(shanghaiDate(new Date('2026-03-09T15:59:59.999Z'))).toBe('2026-03-09');
    expect(shanghaiDate(new Date('2026-03-09T16:00:00Z'))).toBe('2026-03-10');
    expect(shanghaiDate(new Date('2026-03-09T17:00:00Z'))).toBe('2026-03-10');
    expect(shanghaiDate(new Date('2022-12-31T16:30:00Z'))).toBe('2023-01-01');
  });

  it('agrees with the time-zone database for Asia/Shanghai across a year', () => {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let t = Date.UTC(2022, 0, 1, 15, 30); t < Date.UTC(2023, 0, 1); t += 7 * 60 * 60 * 1000) {
      expect(shanghaiDate(new Date(t))).toBe(format.format(new Date(t)));
    }
  });

  it('gives the same dates when asked again, before 1970 too, and after more dates than it remembers', () => {
    // Instants either side of midnight in Shanghai, from 1960 on: times before 1970 are negative.
    const instants = [Date.UTC(1960, 5, 1, 15, 59, 59, 999), Date.UTC(1960, 5, 1, 16), Date.UTC(1969, 11, 31, 16), Date.UTC(2026, 2, 9, 16)];
    const first = instants.map((t) => shanghaiDate(new Date(t)));
    expect(first).toEqual(['1960-06-01', '1960-06-02', '1970-01-01', '2026-03-10']);
    // More days than are remembered (20,000: about 55 years), so the memory is emptied on the way.
    for (let day = 0; day < 25_000; day++) expect(addDays('1950-01-01', day)).toBe(new Date(Date.UTC(1950, 0, 1 + day)).toISOString().slice(0, 10));
    expect(instants.map((t) => shanghaiDate(new Date(t)))).toEqual(first);
    expect(addDays('2026-03-10', 30)).toBe('2026-04-09');
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('refuses an invalid Date', () => {
    expect(() => shanghaiDate(new Date('nonsense'))).toThrow(RangeError);
  });

  it('recognises real YYYY-MM-DD dates only', () => {
    expect(isIsoDate('2026-03-10')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-3-10')).toBe(false);
    expect(isIsoDate('2026-03-10T00:00:00Z')).toBe(false);
    expect(isIsoDate('0099-01-01')).toBe(true);
    expect(isIsoDate(20260310)).toBe(false);
  });

  it('recognises instants that carry a zone', () => {
    expect(isIsoInstant('2026-03-10T02:00:00Z')).toBe(true);
    expect(isIsoInstant('2026-03-10T10:00:00.123+08:00')).toBe(true);
    expect(isIsoInstant('2026-03-10T10:00+0800')).toBe(true);
    expect(isIsoInstant('2026-03-10T10:00:00')).toBe(false);
    expect(isIsoInstant('2026-02-30T10:00:00Z')).toBe(false);
    expect(isIsoInstant('2026-03-10')).toBe(false);
  });

  it('adds days across months, leap days and years', () => {
    expect(addDays('2026-03-10', 30)).toBe('2026-04-09');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-10', 0)).toBe('2026-03-10');
    expect(() => addDays('2026-03-10', 1.5)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('counts whole days between dates, signed', () => {
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(daysBetween('2026-03-31', '2026-03-01')).toBe(-30);
    expect(daysBetween('2026-03-10', '2026-03-10')).toBe(0);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-03-10', addDays('2026-03-10', 365))).toBe(365);
  });

  it('starts a Shanghai day at 16:00 UTC the day before', () => {
    expect(startOfShanghaiDay('2026-03-10').toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(shanghaiDate(startOfShanghaiDay('2026-03-10'))).toBe('2026-03-10');
    expect(shanghaiDate(new Date(startOfShanghaiDay('2026-03-10').getTime() - 1))).toBe('2026-03-09');
    expect(() => startOfShanghaiDay('2026/03/10')).toThrow(RangeError);
  });
});

describe('shanghaiInstant', () => {
  it('writes an instant in China Standard Time with its offset', () => {
    expect(shanghaiInstant(new Date('2026-03-09T17:00:00Z'))).toBe('2026-03-10T01:00:00.000+08:00');
    expect(shanghaiInstant(new Date('2026-12-31T16:30:00.123Z'))).toBe('2027-01-01T00:30:00.123+08:00');
    expect(() => shanghaiInstant(new Date('nonsense'))).toThrow(RangeError);
  });
});
