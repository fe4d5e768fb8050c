import { addMonths, addYears, endOfPeriod, isMonth, monthOf, monthPeriod, monthsOf, periodDays, periodIsOver, previousMonth, yearPeriod } from './period';

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
});
