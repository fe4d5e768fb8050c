import { combine } from './freshness';

const at = (iso: string) => new Date(iso);

describe('combine: one answer from several read models', () => {
  it('is as old as the oldest of them, and behind by what they all wait for', () => {
    expect(
      combine([
        { asOf: at('2026-12-02T06:00:00Z'), upToDate: true, behindEvents: 0 },
        { asOf: at('2026-12-02T05:00:00Z'), upToDate: false, behindEvents: 3 },
      ]),
    ).toEqual({ asOf: at('2026-12-02T05:00:00Z'), upToDate: false, behindEvents: 3 });
  });

  it('leaves out a read model that has applied nothing and has nothing to apply (no mediation yet)', () => {
    expect(
      combine([
        { asOf: at('2026-12-02T06:00:00Z'), upToDate: true, behindEvents: 0 },
        { asOf: null, upToDate: true, behindEvents: 0 },
      ]),
    ).toEqual({ asOf: at('2026-12-02T06:00:00Z'), upToDate: true, behindEvents: 0 });
  });

  it('has no asOf while one of them has applied nothing and events wait for it', () => {
    expect(
      combine([
        { asOf: at('2026-12-02T06:00:00Z'), upToDate: true, behindEvents: 0 },
        { asOf: null, upToDate: false, behindEvents: 12 },
      ]),
    ).toEqual({ asOf: null, upToDate: false, behindEvents: 12 });
  });

  it('has no asOf when nothing was ever applied', () => {
    expect(combine([{ asOf: null, upToDate: true, behindEvents: 0 }])).toEqual({ asOf: null, upToDate: true, behindEvents: 0 });
    expect(combine([])).toEqual({ asOf: null, upToDate: true, behindEvents: 0 });
  });
});
