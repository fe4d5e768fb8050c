import { z } from 'zod';
import { alert, SubmitAlert } from './alert/alert.decider';
import { convertAlertSchema } from './convert-alert/convert-alert.schema';
import { listAlertsSchema } from './list-alerts/list-alerts.schema';
import { registerInformantSchema } from './register-informant/register-informant.schema';
import { DEFAULT_RISK_WEIGHTS } from './risk-weights/risk-weights';
import { changeRiskWeightsSchema } from './risk-weights/risk-weights.schema';
import { submitAlertSchema } from './submit-alert/submit-alert.schema';
import { acknowledgeAlertSchema, dismissAlertSchema, verifyAlertSchema } from './triage-alert/triage-alert.schema';

const valid = () => ({
  enterprise: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
  subDistrict: 'pinghu',
  signals: ['wage_delay', 'owner_unreachable'],
  workersAffected: 40,
  description: '老板已三天联系不上',
  observedAt: '2026-03-10T08:30:00+08:00',
});

/** The fields a schema blames, the way the API's problem+json names them. */
function fields(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues
    .flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].join('.')) : [issue.path.join('.')]))
    .sort();
}

describe('POST /alerts request schema', () => {
  it('accepts a report, normalising the credit code and counting a signal ticked twice once', () => {
    const parsed = submitAlertSchema.parse({
      ...valid(),
      enterprise: { name: ' 某公司 ', creditCode: ' 91440300708461136t ' },
      signals: ['wage_delay', 'wage_delay', 'layoffs'],
      location: { text: '工业园B栋' },
    });
    expect(parsed).toMatchObject({ enterprise: { name: '某公司', creditCode: '91440300708461136T' }, signals: ['wage_delay', 'layoffs'] });
    expect(fields(submitAlertSchema, { ...valid(), location: { lat: 22.7, lng: 114.2 } })).toEqual([]);
  });

  it.each([
    ['enterprise.creditCode', { enterprise: { name: '某公司', creditCode: '91440300708461136U' } }],
    ['subDistrict', { subDistrict: 'futian' }],
    ['signals', { signals: [] }],
    ['signals.0', { signals: ['bonus_cut'] }],
    ['workersAffected', { workersAffected: 0 }],
    ['workersAffected', { workersAffected: '40' }],
    ['description', { description: '' }],
    ['observedAt', { observedAt: '2026-03-10T08:30:00' }],
    ['location.lat', { location: { lat: 95, lng: 114 } }],
    ['status', { status: 'dismissed' }],
  ])('names %s when it is wrong', (field, overrides) => {
    expect(fields(submitAlertSchema, { ...valid(), ...overrides })).toEqual([field]);
  });

  it('parses into what SubmitAlert takes, so the handler only adds ids, weights, policy, now and actor', () => {
    const body = submitAlertSchema.parse(valid());
    const command: SubmitAlert = {
      type: 'SubmitAlert',
      ...body,
      alertId: 'a-1',
      informantId: 'i-1',
      weights: DEFAULT_RISK_WEIGHTS,
      pickupWithinMinutes: { red: 120, yellow: 1440 },
      now: new Date('2026-03-10T02:00:00Z'),
      actor: { id: 'i-1', role: 'informant' },
    };
    expect(alert.decide(command, alert.initialState()).map((e) => e.type)).toEqual(['AlertSubmitted', 'AlertGraded']);
  });
});

describe('triage and conversion request schemas', () => {
  it('take no body at all where nothing is required', () => {
    expect(acknowledgeAlertSchema.parse(undefined)).toEqual({});
    expect(verifyAlertSchema.parse(undefined)).toEqual({});
    expect(convertAlertSchema.parse(undefined)).toEqual({});
    expect(fields(acknowledgeAlertSchema, { note: 'x' })).toEqual(['note']);
    expect(fields(dismissAlertSchema, {})).toEqual(['reason']);
    expect(fields(convertAlertSchema, { claimants: [] })).toEqual(['claimants']);
    expect(fields(convertAlertSchema, { category: 'bonus' })).toEqual(['category']);
  });

  it('filters the list by the names the issue gives', () => {
    expect(listAlertsSchema.parse({ status: 'submitted', grade: 'red', subDistrict: 'pinghu', submittedFrom: '2026-03-01', escalated: 'true' })).toMatchObject({
      grade: 'red',
      escalated: true,
      page: 1,
      pageSize: 50,
      sort: [
        { key: 'grade', descending: true },
        { key: 'submittedAt', descending: true },
      ],
    });
    expect(fields(listAlertsSchema, { grade: 'purple', informantId: 'x', submittedTo: '2026-02-30', sort: 'colour' })).toEqual(['grade', 'informantId', 'sort', 'submittedTo']);
    // The names of before are refused, not ignored.
    expect(fields(listAlertsSchema, { risk: 'red' })).toEqual(['risk']);
  });
});

describe('informant and risk-weight request schemas', () => {
  const registration = {
    username: 'chen.xh',
    password: 'a-long-passphrase',
    name: '陈小红',
    phone: '13812345678',
    subDistrict: 'pinghu',
    enterprises: ['91440300708461136T'],
  };

  it('validate credit codes and phones of an informant', () => {
    expect(fields(registerInformantSchema, registration)).toEqual([]);
    expect(fields(registerInformantSchema, { ...registration, phone: '12345', enterprises: ['91440300708461136T', 'X'] })).toEqual(['enterprises.1', 'phone']);
    expect(registerInformantSchema.parse({ ...registration, enterprises: ['91440300708461136t', '91440300708461136T'] }).enterprises).toEqual([
      '91440300708461136T',
    ]);
  });

  it('want a value for every signal', () => {
    const body = { signals: DEFAULT_RISK_WEIGHTS.signals, workersBands: DEFAULT_RISK_WEIGHTS.workersBands };
    expect(fields(changeRiskWeightsSchema, body)).toEqual([]);
    const { other: _other, ...missing } = DEFAULT_RISK_WEIGHTS.signals;
    expect(fields(changeRiskWeightsSchema, { ...body, signals: missing })).toEqual(['signals.other']);
    expect(fields(changeRiskWeightsSchema, { ...body, signals: { ...body.signals, bonus_cut: 1 } })).toEqual(['signals.bonus_cut']);
    expect(fields(changeRiskWeightsSchema, { ...body, workersBands: [{ min: 0, points: -1 }] })).toEqual(['workersBands.0.min', 'workersBands.0.points']);
  });
});
