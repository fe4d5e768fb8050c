import { planDemoYear, TimedAction } from '../plan';
import { REPORT_2022 } from '../targets';
import { PlayClock, Slots, subDistrictOf, waitsOf } from './schedule';

/** The records an action touches, as the plan holds them (objects with a sub-district). */
const recordsIn = (action: TimedAction): object[] =>
  Object.values(action).filter((v): v is object => typeof v === 'object' && v !== null && 'subDistrict' in v);
const NUMBERING = new Set(['openDispute', 'convertComplaint', 'convertAlert']);

describe('the demo year played side by side', () => {
  const plan = planDemoYear({ year: 2022, seed: 7, targets: REPORT_2022 });
  const waits = waitsOf(plan.actions);

  it('has every action wait only for actions before it in the plan', () => {
    expect(waits).toHaveLength(plan.actions.length);
    waits.forEach((before, i) => before.forEach((w) => expect(w).toBeLessThan(i)));
  });

  it('keeps each record, and each sub-district case counter, in the plan order whatever runs side by side', () => {
    // Any order the waits allow (here: a seeded random one) gives every record its actions, and
    // every sub-district its numbered cases, in the plan's order.
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const done = new Set<number>();
    const order: number[] = [];
    const ready = new Set(plan.actions.map((_, i) => i).filter((i) => waits[i].length === 0));
    const waitingOn = new Map<number, number[]>();
    waits.forEach((before, i) => before.forEach((w) => waitingOn.set(w, [...(waitingOn.get(w) ?? []), i])));
    while (ready.size) {
      const pick = [...ready][Math.floor(random() * ready.size)];
      ready.delete(pick);
      done.add(pick);
      order.push(pick);
      for (const next of waitingOn.get(pick) ?? []) if (waits[next].every((w) => done.has(w))) ready.add(next);
    }
    expect(order).toHaveLength(plan.actions.length);
    expect(order).not.toEqual([...order].sort((a, b) => a - b)); // side by side indeed

    const sequences = (key: (action: TimedAction) => unknown[]) => {
      const seen = new Map<unknown, number[]>();
      for (const i of order) for (const k of key(plan.actions[i])) seen.set(k, [...(seen.get(k) ?? []), i]);
      return seen;
    };
    const byRecord = sequences(recordsIn);
    expect(byRecord.size).toBeGreaterThan(1000);
    for (const places of byRecord.values()) expect(places).toEqual([...places].sort((a, b) => a - b));
    const byCounter = sequences((a) => (NUMBERING.has(a.type) ? [subDistrictOf(a)] : []));
    expect(byCounter.size).toBe(11);
    for (const places of byCounter.values()) expect(places).toEqual([...places].sort((a, b) => a - b));
    // An informant reports once registered (their account exists from then on).
    const at = new Map(order.map((action, place) => [action, place]));
    const registered = new Map<object, number>();
    plan.actions.forEach((a, i) => a.type === 'registerInformant' && registered.set(a.informant, at.get(i)!));
    const submissions = plan.actions.flatMap((a, i) => (a.type === 'submitAlert' ? [[a.alert.informant, at.get(i)!] as const] : []));
    expect(submissions.length).toBeGreaterThan(100);
    for (const [informant, place] of submissions) expect(registered.get(informant)).toBeLessThan(place);
  });

  it('refuses an action across two sub-districts', () => {
    const conversion = plan.actions.find((a) => a.type === 'convertAlert')!;
    const across = { ...conversion, dispute: { ...(conversion as { dispute: object }).dispute, subDistrict: 'elsewhere' } } as typeof conversion;
    expect(() => subDistrictOf(across)).toThrow(/touches records of/);
  });
});

describe('slots', () => {
  it('runs at most so many tasks at once, and the others in turn', async () => {
    const slots = new Slots(3);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        slots.run(async () => {
          started.push(i);
          most = Math.max(most, ++running);
          await new Promise((r) => setTimeout(r, 2));
          running--;
        }),
      ),
    );
    expect(most).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('frees its slot when a task fails', async () => {
    const slots = new Slots(1);
    await expect(slots.run(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(slots.run(() => Promise.resolve('yes'))).resolves.toBe('yes');
  });
});

describe('the play clock', () => {
  it('gives each action its own instant, and the set time outside any', async () => {
    const clock = new PlayClock(new Date('2021-12-20T01:00:00Z'));
    const seen: string[] = [];
    const action = (at: string) =>
      clock.at(new Date(at), async () => {
        await new Promise((r) => setTimeout(r, 5));
        seen.push(clock.now().toISOString());
      });
    await Promise.all([action('2022-03-01T02:00:00.000Z'), action('2022-07-01T02:00:00.000Z')]);
    expect(seen.sort()).toEqual(['2022-03-01T02:00:00.000Z', '2022-07-01T02:00:00.000Z']);
    expect(clock.now().toISOString()).toBe('2021-12-20T01:00:00.000Z');
  });
});
