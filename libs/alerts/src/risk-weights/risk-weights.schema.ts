import { z } from 'zod';
import { ALERT_SIGNALS } from '@lc/reference-data';
import { MAX_POINTS, MAX_WORKERS_BANDS } from './risk-weights';

const points = z
  .number()
  .int('must be a whole number of points')
  .min(0, 'must not be negative')
  .max(MAX_POINTS, `must be at most ${MAX_POINTS}`);

/**
 * PUT /api/v1/reference/risk-weights: the whole new set, a value for every signal of the
 * reference list. The order of the bands and their first min (1) are the decider's rules.
 */
export const changeRiskWeightsSchema = z.strictObject({
  signals: z.strictObject(Object.fromEntries(ALERT_SIGNALS.map((code) => [code, points])) as Record<(typeof ALERT_SIGNALS)[number], typeof points>),
  workersBands: z
    .array(z.strictObject({ min: z.number().int('must be a whole number').min(1, 'must be at least 1'), points }))
    .min(1, 'must list at least one band')
    .max(MAX_WORKERS_BANDS, `must list at most ${MAX_WORKERS_BANDS} bands`),
});

export type ChangeRiskWeightsRequest = z.output<typeof changeRiskWeightsSchema>;
