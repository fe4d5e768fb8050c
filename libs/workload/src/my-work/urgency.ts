import { Urgency } from '../workload.schemas';

/** A running clock as the clocks read model has it. */
export interface RunningClock {
  clockId: string;
  kind: string;
  startedOn: string;
  lastDay: string;
  deadlineAt: Date;
  remindAt: Date;
}

const DAY_MS = 86_400_000;
const RANK: Record<Urgency, number> = { overdue: 0, due_soon: 1, running: 2, none: 3 };

/** How pressing a record is, judged by its most pressing running clock at `now`. */
export function urgencyOf(clock: RunningClock | null, now: Date): Urgency {
  if (!clock) return 'none';
  if (clock.deadlineAt.getTime() <= now.getTime()) return 'overdue';
  if (clock.remindAt.getTime() <= now.getTime()) return 'due_soon';
  return 'running';
}

/** The clock to show: the earliest deadline among the record's running clocks. */
export function nextClock(clocks: RunningClock[]): RunningClock | null {
  return clocks.reduce<RunningClock | null>((best, c) => (best === null || c.deadlineAt < best.deadlineAt ? c : best), null);
}

export function clockSummary(clock: RunningClock, now: Date) {
  const urgency = urgencyOf(clock, now);
  return {
    clockId: clock.clockId,
    kind: clock.kind,
    startedOn: clock.startedOn,
    lastDay: clock.lastDay,
    deadlineAt: clock.deadlineAt,
    overdue: urgency === 'overdue',
    dueSoon: urgency === 'due_soon',
    daysLeft: Math.ceil((clock.deadlineAt.getTime() - now.getTime()) / DAY_MS),
  };
}

/** Most urgent first; within a rank the nearest deadline, then the oldest record; then by reference for a stable order. */
export function byUrgency(
  a: { urgency: Urgency; deadlineAt: Date | null; since: string; reference: string },
  b: { urgency: Urgency; deadlineAt: Date | null; since: string; reference: string },
): number {
  return (
    RANK[a.urgency] - RANK[b.urgency] ||
    (a.deadlineAt?.getTime() ?? 0) - (b.deadlineAt?.getTime() ?? 0) ||
    a.since.localeCompare(b.since) ||
    a.reference.localeCompare(b.reference)
  );
}
