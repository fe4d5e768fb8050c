import { z } from 'zod';
import { alert, SubmitAlert } from './alert/alert.decider';
import { convertAlertSchema } from './convert-alert/convert-alert.schema';
import { listAlertsSchema } from './list-alerts/list-alerts.schema';
import { registerInformantSchema } from './register-informant/register-informant.schema';
import { DEFAULT_RISK_WEIGHTS } from './risk-weights/risk-weights';
import { changeRiskWeightsSchema } from './risk-weights/risk-weights.schema';
import { submitAlertSchema } from './submit-alert/submit-alert.schema';
import { acknowledgeAlertSchema, dismissAlertSchema, verifyAlertSchema } from './triage-alert/triage-alert.schema';
import { changeInformantEnterprisesSchema, informantEntrySchema } from './register-informant/informant-entry.schema';
import { disputeIdForAlert } from './convert-alert/convert-alert.handler';
import { ALERT_SIGNALS, subDistrictCodes } from '@lc/reference-data';

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

/** Each issue as 'dotted.path: message', as the API's problem+json names it. */
function problems(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}
const oneOf = (codes: readonly string[]) => `must be one of ${codes.join(', ')}`;
const BAD_CREDIT_CODE = 'not a valid Unified Social Credit Code: check character does not match: the code is mistyped (GB 32100-2015)';

/*
 * What the alert and informant deciders checked again before issue 13, and now only the schemas
 * do: every way these commands are made (HTTP, the demo) parses their fields through these.
 */
describe('the fields the alert and informant deciders no longer check again', () => {
  it.each([
    [{ enterprise: { name: '某公司', creditCode: '91440300708461136U' } }, `enterprise.creditCode: ${BAD_CREDIT_CODE}`],
    [{ enterprise: { name: '', creditCode: '91440300708461136T' } }, 'enterprise.name: must not be empty'],
    [{ subDistrict: 'futian' }, `subDistrict: ${oneOf(subDistrictCodes())}`],
    [{ signals: [] }, 'signals: must name at least one signal'],
    [{ signals: ['wage_delay', 'bonus_cut'] }, `signals.1: ${oneOf(ALERT_SIGNALS)}`],
    [{ workersAffected: 0 }, 'workersAffected: must be at least 1'],
    [{ workersAffected: 2.5 }, 'workersAffected: must be a whole number'],
    [{ description: ' ' }, 'description: must not be empty'],
    [{ description: 'x'.repeat(2001) }, 'description: must be at most 2000 characters'],
    [{ observedAt: '2026-03-10 08:30' }, 'observedAt: must be an ISO 8601 date and time with a zone, e.g. 2026-03-10T10:00:00+08:00'],
    [{ observedAt: '2026-03-10T08:30:00' }, 'observedAt: must be an ISO 8601 date and time with a zone, e.g. 2026-03-10T10:00:00+08:00'],
    [{ location: { place: '门口' } }, 'location: Invalid input'],
    [{ location: { lat: 91, lng: 114 } }, 'location.lat: must be a latitude from -90 to 90'],
    [{ location: { text: '' } }, 'location.text: must not be empty'],
  ])('refuses the report %p', (change, problem) => {
    expect(problems(submitAlertSchema, { ...valid(), ...change })).toEqual([problem]);
  });

  it('never hands the decider a signal twice: a signal ticked twice counts once', () => {
    expect(submitAlertSchema.parse({ ...valid(), signals: ['wage_delay', 'wage_delay'] }).signals).toEqual(['wage_delay']);
  });

  it.each([
    [verifyAlertSchema, { note: '' }, 'note: must not be empty'],
    [dismissAlertSchema, { reason: ' ' }, 'reason: must not be empty'],
  ])('%#: refuses the triage %p', (schema, body, problem) => {
    expect(problems(schema, body)).toEqual([problem]);
  });

  it('gives a converted alert a case id of its own (ConvertAlert.disputeId is never empty)', () => {
    expect(disputeIdForAlert('a-1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(disputeIdForAlert('a-1')).toBe(disputeIdForAlert('a-1'));
  });

  const entry = { name: '陈小红', phone: '13812345678', subDistrict: 'pinghu', enterprises: ['91440300708461136T'] };
  it.each([
    [{ name: ' ' }, 'name: must not be empty'],
    [{ phone: '12345' }, 'phone: must be a mainland mobile (13812345678) or a landline with area code (0755-28881234)'],
    [{ subDistrict: 'futian' }, `subDistrict: ${oneOf(subDistrictCodes())}`],
    [{ enterprises: [] }, 'enterprises: must name at least one enterprise by its credit code'],
    [{ enterprises: ['91440300708461136T', '91440300708461136U'] }, `enterprises.1: ${BAD_CREDIT_CODE}`],
  ])('refuses the informant %p', (change, problem) => {
    expect(problems(informantEntrySchema, { ...entry, ...change })).toEqual([problem]);
  });

  it('never hands the decider an enterprise twice, and checks every credit code of a new list', () => {
    expect(informantEntrySchema.parse({ ...entry, enterprises: ['91440300708461136T', '91440300708461136T'] }).enterprises).toEqual(['91440300708461136T']);
    expect(problems(changeInformantEnterprisesSchema, { enterprises: ['X'] })).toEqual(['enterprises.0: not a valid Unified Social Credit Code: must be 18 characters (it has 1)']);
  });
});

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
