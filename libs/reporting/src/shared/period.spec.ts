import {
  addMonths,
  addYears,
  currentMonth,
  currentYear,
  endOfPeriod,
  isMonth,
  monthOf,
  monthPeriod,
  monthsOf,
  parseNamedPeriod,
  periodDays,
  periodIsOver,
  previousMonth,
  resolvePeriod,
  yearPeriod,
} from './period';

describe('reporting periods in China Standard Time', () => {
  it('gives a month its days, February its leap years', () => {
    expect(monthPeriod('2022-05')).toEqual({ from: '2022-05-01', to: '2022-05-31' });
    expect(monthPeriod('2022-02')).toEqual({ from: '2022-02-01', to: '2022-02-28' });
    expect(monthPeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthPeriod('2022-12')).toEqual({ from: '2022-12-01', to: '2022-12-31' });
    expect(yearPeriod(2022)).toEqual({ from: '2022-01-01', to: '2022-12-31' });
    expect(periodDays(yearPeriod(2024))).toBe(366);
    expect(() => monthPeriod('2022-13')).toThrow(RangeError);
    expect(isMonth('2022-5')).toBe(false);
  });

  it('moves across year ends', () => {
    expect(addMonths('2022-12', 1)).toBe('2023-01');
    expect(addMonths('2023-01', -1)).toBe('2022-12');
    expect(addMonths('2022-05', -17)).toBe('2020-12');
    expect(monthsOf({ from: '2022-11-15', to: '2023-01-02' })).toEqual(['2022-11', '2022-12', '2023-01']);
    expect(monthsOf(yearPeriod(2022))).toHaveLength(12);
  });

  it('takes the previous month by the Shanghai calendar, not UTC', () => {
    // 2022-05-31T16:30Z is 00:30 on 1 June in Shanghai: May is the previous month.
    expect(previousMonth(new Date('2022-05-31T16:30:00Z'))).toBe('2022-05');
    // 2022-06-30T15:59Z is still 30 June in Shanghai.
    expect(previousMonth(new Date('2022-06-30T15:59:00Z'))).toBe('2022-05');
    // 1 January 00:30 in Shanghai: December of the year before.
    expect(previousMonth(new Date('2022-12-31T16:30:00Z'))).toBe('2022-12');
    expect(monthOf('2022-05-31')).toBe('2022-05');
  });

  it('ends a period at midnight in Shanghai after its last day', () => {
    expect(endOfPeriod(monthPeriod('2022-05')).toISOString()).toBe('2022-05-31T16:00:00.000Z');
    expect(periodIsOver(monthPeriod('2022-05'), new Date('2022-05-31T15:59:59Z'))).toBe(false);
    expect(periodIsOver(monthPeriod('2022-05'), new Date('2022-05-31T16:00:00Z'))).toBe(true);
  });

  it('counts years back by the calendar, 29 February becoming 28', () => {
    expect(addYears('2025-06-30', -3)).toBe('2022-06-30');
    expect(addYears('2024-02-29', -3)).toBe('2021-02-28');
  });

  it('names periods as a month, a quarter or a year', () => {
    expect(parseNamedPeriod('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(parseNamedPeriod('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(parseNamedPeriod('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(parseNamedPeriod('2024-Q1')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(parseNamedPeriod('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(parseNamedPeriod('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    for (const bad of ['2026-13', '2026-Q0', '2026-Q5', '26', '2026-1', 'Q3-2026', '']) expect(parseNamedPeriod(bad)).toBeUndefined();
  });

  it('defaults to the current month and year in Shanghai', () => {
    // 1 January 2027 00:30 in Shanghai is still 31 December 2026 in UTC.
    const newYear = new Date('2026-12-31T16:30:00Z');
    expect(currentMonth(newYear)).toBe('2027-01');
    expect(currentYear(newYear)).toBe(2027);
    expect(resolvePeriod({}, newYear)).toEqual({ from: '2027-01-01', to: '2027-01-31' });
    expect(resolvePeriod({ from: '2026-02-03', to: '2026-02-04' }, newYear)).toEqual({ from: '2026-02-03', to: '2026-02-04' });
    expect(resolvePeriod({ period: { from: '2026-01-01', to: '2026-12-31' } }, newYear)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});
