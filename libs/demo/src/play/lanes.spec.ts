import { planDemoYear } from '../plan';
import { REPORT_2022 } from '../targets';
import { laneOf, lanesOf, PlayClock } from './lanes';

describe('the demo year in lanes', () => {
  const plan = planDemoYear({ year: 2022, seed: 7, targets: REPORT_2022 });
  const lanes = lanesOf(plan.actions);

  it('has one lane per sub-district, every action in exactly one, in the plan order', () => {
    expect(lanes).toHaveLength(11);
    const place = new Map(plan.actions.map((action, i) => [action, i]));
    expect(lanes.flat().map((a) => place.get(a)).sort((a, b) => a! - b!)).toEqual(plan.actions.map((_, i) => i));
    for (const lane of lanes) {
      const places = lane.map((a) => place.get(a)!);
      expect(places).toEqual([...places].sort((a, b) => a - b));
      expect(new Set(lane.map(laneOf)).size).toBe(1);
    }
  });

  it('keeps each record, and its conversions, in one lane', () => {
    const laneOfRecord = new Map<object, number>();
    lanes.forEach((lane, i) =>
      lane.forEach((action) => {
        for (const record of Object.values(action).filter((v) => typeof v === 'object' && v !== null && 'subDistrict' in v)) {
          expect(laneOfRecord.get(record) ?? i).toBe(i);
          laneOfRecord.set(record, i);
        }
      }),
    );
    expect(laneOfRecord.size).toBeGreaterThan(1000);
  });

  it('refuses an action across two sub-districts', () => {
    const conversion = plan.actions.find((a) => a.type === 'convertAlert')!;
    const across = { ...conversion, dispute: { ...(conversion as { dispute: object }).dispute, subDistrict: 'elsewhere' } } as typeof conversion;
    expect(() => laneOf(across)).toThrow(/touches records of/);
  });
});

describe('the play clock', () => {
  it('gives each lane its own instant, and the set time outside any lane', async () => {
    const clock = new PlayClock(new Date('2021-12-20T01:00:00Z'));
    const seen: string[] = [];
    const lane = (at: string) =>
      clock.at(new Date(at), async () => {
        await new Promise((r) => setTimeout(r, 5));
        seen.push(clock.now().toISOString());
      });
    await Promise.all([lane('2022-03-01T02:00:00.000Z'), lane('2022-07-01T02:00:00.000Z')]);
    expect(seen.sort()).toEqual(['2022-03-01T02:00:00.000Z', '2022-07-01T02:00:00.000Z']);
    expect(clock.now().toISOString()).toBe('2021-12-20T01:00:00.000Z');
  });
});
