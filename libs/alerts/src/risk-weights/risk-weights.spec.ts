import { given } from '@lc/decider';
import { ChangeRiskWeights, DEFAULT_RISK_WEIGHTS, RiskWeights, assessRisk, riskWeights, riskWeightsProblems, riskWeightsStreamId } from './risk-weights';

const now = new Date('2026-03-10T02:00:00Z');
const actor = { id: 'admin-1', role: 'admin' };
const change = (overrides: Partial<ChangeRiskWeights> = {}): ChangeRiskWeights => ({
  type: 'ChangeRiskWeights',
  signals: { ...DEFAULT_RISK_WEIGHTS.signals, wage_delay: 12 },
  workersBands: DEFAULT_RISK_WEIGHTS.workersBands,
  now,
  actor,
  ...overrides,
});

describe('risk weights', () => {
  it('live in risk-weights-<district>, defaulting to the data file (version 1)', () => {
    expect(riskWeightsStreamId()).toBe('risk-weights-longgang');
    expect(DEFAULT_RISK_WEIGHTS.version).toBe(1);
    expect(riskWeightsProblems(DEFAULT_RISK_WEIGHTS)).toEqual([]);
  });

  it('grades by the sum of the signals and the band of workers affected: red above 20, yellow 10-20, green below 10', () => {
    expect(assessRisk(['wage_delay', 'owner_unreachable'], 12, DEFAULT_RISK_WEIGHTS)).toEqual({
      grade: 'red',
      points: 26,
      breakdown: [
        { factor: 'signal:wage_delay', points: 8 },
        { factor: 'signal:owner_unreachable', points: 15 },
        { factor: 'workers:10+', points: 3 },
      ],
      weightsVersion: 1,
    });
    expect(assessRisk(['wage_delay'], 5, DEFAULT_RISK_WEIGHTS)).toMatchObject({ grade: 'green', points: 8 });
    expect(assessRisk(['wage_delay'], 10, DEFAULT_RISK_WEIGHTS)).toMatchObject({ grade: 'yellow', points: 11 });
    // The edges: exactly 20 is yellow, exactly 10 is yellow.
    const flat: RiskWeights = { ...DEFAULT_RISK_WEIGHTS, signals: { ...DEFAULT_RISK_WEIGHTS.signals, other: 20, layoffs: 10 }, workersBands: [{ min: 1, points: 0 }] };
    expect(assessRisk(['other'], 1, flat).grade).toBe('yellow');
    expect(assessRisk(['layoffs'], 1, flat).grade).toBe('yellow');
    expect(assessRisk(['other', 'wage_delay'], 1, flat).grade).toBe('red');
    expect(assessRisk(['wage_delay'], 1_000, DEFAULT_RISK_WEIGHTS).breakdown.at(-1)).toEqual({ factor: 'workers:100+', points: 10 });
  });

  it('changes the weights as a new version, and a repeat of the same weights as nothing', () => {
    const state = given(riskWeights)
      .when(change())
      .then([
        {
          type: 'RiskWeightsChanged',
          data: { signals: { ...DEFAULT_RISK_WEIGHTS.signals, wage_delay: 12 }, workersBands: DEFAULT_RISK_WEIGHTS.workersBands, version: 2 },
        },
      ]);
    expect(state.version).toBe(2);
    expect(assessRisk(['wage_delay'], 1, state).points).toBe(12);
    given(riskWeights, [{ type: 'RiskWeightsChanged', data: state }]).when(change()).then([]);
  });

  it.each([
    ['signals.wage_delay', { signals: { ...DEFAULT_RISK_WEIGHTS.signals, wage_delay: -1 } }],
    ['signals.layoffs', { signals: { ...DEFAULT_RISK_WEIGHTS.signals, layoffs: 2.5 } }],
    ['signals.other', { signals: { ...DEFAULT_RISK_WEIGHTS.signals, other: undefined } as unknown as Record<string, number> }],
    ['signals.bonus_cut', { signals: { ...DEFAULT_RISK_WEIGHTS.signals, bonus_cut: 3 } }],
    ['workersBands', { workersBands: [] }],
    ['workersBands.0.min', { workersBands: [{ min: 5, points: 0 }] }],
    ['workersBands.2.min', { workersBands: [{ min: 1, points: 0 }, { min: 30, points: 5 }, { min: 30, points: 6 }] }],
    ['workersBands.1.points', { workersBands: [{ min: 1, points: 0 }, { min: 30, points: 101 }] }],
  ])('refuses a bad %s', (field, overrides) => {
    given(riskWeights).when(change(overrides as Partial<ChangeRiskWeights>)).thenThrows('validation_failed', field);
  });
});
