import { addDays, daysBetween, startOfShanghaiDay } from '@lc/decider';
import { Random } from '../random';
import { PlannedAction, TimedAction } from './types';

export const MINUTE = 60_000;

/** How busy each month is: wage disputes peak before the Spring Festival and at year end. */
const MONTH_WEIGHTS = [1.35, 0.75, 0.95, 0.9, 1, 1, 1, 1, 1, 0.95, 1.05, 1.2];

export class Calendar {
  readonly first: string;
  readonly days: number;
  private readonly weights: number[];

  constructor(readonly year: number) {
    this.first = `${year}-01-01`;
    this.days = daysBetween(this.first, `${year + 1}-01-01`);
    this.weights = Array.from({ length: this.days }, (_, i) => {
      const date = this.date(i);
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      const weekend = weekday === 0 || weekday === 6 ? 0.2 : 1;
      return MONTH_WEIGHTS[Number(date.slice(5, 7)) - 1] * weekend;
    });
  }

  get last(): number {
    return this.days - 1;
  }

  date(day: number): string {
    return addDays(this.first, day);
  }

  /** A busy-weighted day in [from, to]. */
  pick(random: Random, from: number, to: number): number {
    const lo = Math.max(0, from);
    const hi = Math.min(this.last, to);
    if (hi <= lo) return lo;
    const entries: Array<[number, number]> = [];
    for (let d = lo; d <= hi; d++) entries.push([d, this.weights[d]]);
    return random.weighted(entries);
  }

  /** An instant on a day, minutes after midnight in Shanghai. */
  at(day: number, minutes: number): number {
    return startOfShanghaiDay(this.date(day)).getTime() + minutes * MINUTE;
  }
}

/**
 * The actions of one record in their logical order, each on its day. Times are given in order:
 * the first action of a day in the morning, each next one a little later, so that a record's
 * actions never run out of order and none is later than the clock allows.
 */
export class Timeline {
  private readonly items: Array<{ day: number; action: PlannedAction; actor: string; earliest?: number }> = [];
  constructor(private readonly random: Random) {}

  add(day: number, actor: string, action: PlannedAction, earliestMinutes?: number): void {
    this.items.push({ day, action, actor, earliest: earliestMinutes });
  }

  timed(calendar: Calendar, seq: () => number): TimedAction[] {
    let previousDay = -1;
    let minutes = 0;
    return this.items.map(({ day, action, actor, earliest }) => {
      if (day < previousDay) throw new Error(`a record's actions go back in time: ${action.type} on day ${day} after day ${previousDay}`);
      if (day !== previousDay) minutes = earliest ?? this.random.int(8 * 60 + 30, 11 * 60);
      else minutes += this.random.int(5, 40);
      previousDay = day;
      return { ...action, at: calendar.at(day, minutes), seq: seq(), actor };
    });
  }
}
