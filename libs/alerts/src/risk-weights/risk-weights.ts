import { Actor, Decider, DomainEvent, FieldError, ValidationFailedError } from '@lc/decider';
import { ALERT_SIGNALS, AlertGrade, AlertSignal, DEFAULT_DISTRICT_CODE, alertGradeForScore } from '@lc/reference-data';
import defaults from './default-risk-weights.json';

/*
 * The "123" model's weights (预警分级): points per signal observed and per band of workers
 * affected. They are reference data an admin changes, kept as events in `risk-weights-<district>`
 * so that every grade can name the weights it was computed with (weightsVersion). Until an admin
 * changes them, the district runs on default-risk-weights.json (version 1). The thresholds (red
 * above 20, green below 10) are the district's, in reference-data (alertGradeForScore).
 */

export const RISK_WEIGHTS_STREAM_PREFIX = 'risk-weights-';
export const riskWeightsStreamId = (districtCode: string = DEFAULT_DISTRICT_CODE): string => `${RISK_WEIGHTS_STREAM_PREFIX}${districtCode}`;

/** Points for an alert whose workers affected number at least `min` (up to the next band's min). */
export interface WorkersBand {
  min: number;
  points: number;
}

export interface RiskWeights {
  signals: Record<AlertSignal, number>;
  /** Ordered by min, the first starting at 1, so every count falls in exactly one band. */
  workersBands: WorkersBand[];
  version: number;
}

/** Bounds that catch a slip of the keyboard; a single factor worth more than this makes no sense in a 20-point model. */
export const MAX_POINTS = 100;
export const MAX_WORKERS_BANDS = 20;

export type RiskWeightsChanged = DomainEvent<'RiskWeightsChanged', RiskWeights>;
export type RiskWeightsEvent = RiskWeightsChanged;

export interface ChangeRiskWeights {
  type: 'ChangeRiskWeights';
  signals: Record<string, number>;
  workersBands: WorkersBand[];
  now: Date;
  actor: Actor;
}

/** Every problem with a set of weights, named by field; [] when they are usable. */
export function riskWeightsProblems(weights: { signals: unknown; workersBands: unknown }): FieldError[] {
  const problems: FieldError[] = [];
  const points = (field: string, value: unknown) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_POINTS) {
      problems.push({ field, message: `must be a whole number of points from 0 to ${MAX_POINTS}` });
    }
  };
  if (typeof weights.signals !== 'object' || weights.signals === null) problems.push({ field: 'signals', message: 'is required' });
  else {
    const signals = weights.signals as Record<string, unknown>;
    for (const code of ALERT_SIGNALS) points(`signals.${code}`, signals[code]);
    for (const code of Object.keys(signals)) {
      if (!(ALERT_SIGNALS as readonly string[]).includes(code)) problems.push({ field: `signals.${code}`, message: 'is not an alert signal' });
    }
  }
  if (!Array.isArray(weights.workersBands) || weights.workersBands.length === 0 || weights.workersBands.length > MAX_WORKERS_BANDS) {
    problems.push({ field: 'workersBands', message: `must list 1 to ${MAX_WORKERS_BANDS} bands` });
  } else {
    const bands = weights.workersBands as Array<Partial<WorkersBand> | null>;
    bands.forEach((band, i) => {
      const min = band?.min;
      const previous = i > 0 ? bands[i - 1]?.min : undefined;
      if (typeof min !== 'number' || !Number.isSafeInteger(min) || min < 1) {
        problems.push({ field: `workersBands.${i}.min`, message: 'must be a whole number of workers, at least 1' });
      } else if (i === 0 && min !== 1) {
        problems.push({ field: 'workersBands.0.min', message: 'must be 1, so that every alert falls in a band' });
      } else if (typeof previous === 'number' && min <= previous) {
        problems.push({ field: `workersBands.${i}.min`, message: 'must be greater than the min of the band before' });
      }
      points(`workersBands.${i}.points`, band?.points);
    });
  }
  return problems;
}

function loadDefaults(): RiskWeights {
  const problems = riskWeightsProblems(defaults);
  if (problems.length) throw new Error(`default-risk-weights.json is invalid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  return Object.freeze({ ...(defaults as RiskWeights) });
}

/** Checked when this module loads: a bad file stops the process at boot, not at the first alert. */
export const DEFAULT_RISK_WEIGHTS: RiskWeights = loadDefaults();

// ---- Grading ------------------------------------------------------------------------------------

export interface RiskFactor {
  /** `signal:<code>` for a signal observed, `workers:<min>+` for the band of workers affected. */
  factor: string;
  points: number;
}

export interface RiskAssessment {
  grade: AlertGrade;
  points: number;
  breakdown: RiskFactor[];
  weightsVersion: number;
}

/** The band a number of workers falls in: the last whose min it reaches. */
export function workersBandFor(workersAffected: number, bands: readonly WorkersBand[]): WorkersBand | undefined {
  return [...bands].reverse().find((band) => workersAffected >= band.min);
}

/**
 * Grades an alert: the points of every signal observed plus those of its band of workers, graded
 * by the district's thresholds. Pure; the weights come in as data.
 */
export function assessRisk(signals: readonly AlertSignal[], workersAffected: number, weights: RiskWeights): RiskAssessment {
  const breakdown: RiskFactor[] = signals.map((code) => {
    const points = weights.signals[code];
    if (typeof points !== 'number') throw new Error(`risk weights version ${weights.version} have no points for ${code}`);
    return { factor: `signal:${code}`, points };
  });
  const band = workersBandFor(workersAffected, weights.workersBands);
  if (band) breakdown.push({ factor: `workers:${band.min}+`, points: band.points });
  const points = breakdown.reduce((sum, f) => sum + f.points, 0);
  return { grade: alertGradeForScore(points), points, breakdown, weightsVersion: weights.version };
}

// ---- Decider ------------------------------------------------------------------------------------

const sameWeights = (a: Pick<RiskWeights, 'signals' | 'workersBands'>, b: Pick<RiskWeights, 'signals' | 'workersBands'>) =>
  ALERT_SIGNALS.every((code) => a.signals[code] === b.signals[code]) &&
  a.workersBands.length === b.workersBands.length &&
  a.workersBands.every((band, i) => band.min === b.workersBands[i].min && band.points === b.workersBands[i].points);

export const riskWeights: Decider<ChangeRiskWeights, RiskWeightsEvent, RiskWeights> = {
  initialState: () => DEFAULT_RISK_WEIGHTS,

  decide(command, state) {
    const problems = riskWeightsProblems(command);
    if (problems.length) throw new ValidationFailedError(problems);
    const next = {
      signals: Object.fromEntries(ALERT_SIGNALS.map((code) => [code, command.signals[code]])) as Record<AlertSignal, number>,
      workersBands: command.workersBands.map((band) => ({ min: band.min, points: band.points })),
    };
    // The same weights again (a retried request) make no new version.
    if (sameWeights(next, state)) return [];
    return [{ type: 'RiskWeightsChanged', data: { ...next, version: state.version + 1 } }];
  },

  evolve(state, event) {
    switch (event.type) {
      case 'RiskWeightsChanged':
        return { signals: event.data.signals, workersBands: event.data.workersBands, version: event.data.version };
      default:
        return state;
    }
  },
};
