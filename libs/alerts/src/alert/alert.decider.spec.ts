import { Actor, given } from '@lc/decider';
import { disputeCase } from '@lc/disputes/domain';
import { DEFAULT_RISK_WEIGHTS, RiskWeights } from '../risk-weights/risk-weights';
import {
  Alert,
  AlertEvent,
  AlertGraded,
  AlertSubmitted,
  SubmitAlert,
  alert,
  alertStreamId,
  disputeCategoryForSignals,
  disputeFromAlert,
} from './alert.decider';

// 2026-03-10 10:00 in Shanghai.
const now = new Date('2026-03-10T02:00:00Z');
const informantActor: Actor = { id: 'informant-1', role: 'informant' };
const mediator: Actor = { id: 'mediator-1', role: 'mediator' };
const at = (minutesLater: number) => new Date(now.getTime() + minutesLater * 60_000);
const by = (actor: Actor, minutesLater = 30) => ({ now: at(minutesLater), actor });
const policy = { red: 120, yellow: 1440 };

const submit = (overrides: Partial<SubmitAlert> = {}): SubmitAlert => ({
  type: 'SubmitAlert',
  alertId: 'a-1',
  informantId: 'informant-1',
  enterprise: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
  subDistrict: 'pinghu',
  signals: ['owner_unreachable', 'wage_delay'],
  workersAffected: 40,
  description: '老板已三天联系不上，2月工资未发',
  observedAt: '2026-03-10T08:30:00+08:00',
  weights: DEFAULT_RISK_WEIGHTS,
  pickupWithinMinutes: policy,
  now,
  actor: informantActor,
  ...overrides,
});

const submittedEvent: AlertSubmitted = {
  type: 'AlertSubmitted',
  data: {
    alertId: 'a-1',
    informantId: 'informant-1',
    enterprise: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
    subDistrict: 'pinghu',
    signals: ['wage_delay', 'owner_unreachable'],
    workersAffected: 40,
    description: '老板已三天联系不上，2月工资未发',
    observedAt: '2026-03-10T00:30:00.000Z',
    submittedAt: '2026-03-10T02:00:00.000Z',
  },
};
const gradedRed: AlertGraded = {
  type: 'AlertGraded',
  data: {
    grade: 'red',
    points: 29,
    breakdown: [
      { factor: 'signal:wage_delay', points: 8 },
      { factor: 'signal:owner_unreachable', points: 15 },
      { factor: 'workers:30+', points: 6 },
    ],
    weightsVersion: 1,
    pickupDeadlineAt: '2026-03-10T04:00:00.000Z',
  },
};
const history: AlertEvent[] = [submittedEvent, gradedRed];
const acknowledged: AlertEvent = { type: 'AlertAcknowledged', data: { acknowledgedAt: '2026-03-10T02:30:00.000Z', by: 'mediator-1' } };
const dismissed: AlertEvent = { type: 'AlertDismissed', data: { reason: '经核实企业已发放工资', dismissedAt: '2026-03-10T03:00:00.000Z' } };
const converted: AlertEvent = { type: 'AlertConverted', data: { disputeId: 'd-1', convertedAt: '2026-03-10T03:00:00.000Z' } };
const timedOut: AlertEvent = { type: 'AlertEscalated', data: { escalatedAt: '2026-03-10T04:00:00.000Z', reason: 'not_acknowledged_in_time' } };
const asAlert = (state: unknown) => state as Alert;

describe('alert', () => {
  it('lives in the stream alert-<uuid>', () => {
    expect(alertStreamId('abc')).toBe('alert-abc');
  });

  describe('submission', () => {
    it('records the alert and its grade together, with the points that made it and the pick-up deadline', () => {
      const state = asAlert(given(alert).when(submit()).then(history));
      expect(state).toMatchObject({ status: 'submitted', grade: 'red', points: 29, pickupDeadlineAt: '2026-03-10T04:00:00.000Z' });
    });

    it('grades yellow with a 24-hour deadline, and green with none', () => {
      const yellow = asAlert(
        given(alert)
          .when(submit({ signals: ['wage_delay'], workersAffected: 12 }))
          .then([
            { type: 'AlertSubmitted', data: { ...submittedEvent.data, signals: ['wage_delay'], workersAffected: 12 } },
            {
              type: 'AlertGraded',
              data: {
                grade: 'yellow',
                points: 11,
                breakdown: [
                  { factor: 'signal:wage_delay', points: 8 },
                  { factor: 'workers:10+', points: 3 },
                ],
                weightsVersion: 1,
                pickupDeadlineAt: '2026-03-11T02:00:00.000Z',
              },
            },
          ]),
      );
      expect(yellow).toMatchObject({ grade: 'yellow', pickupDeadlineAt: '2026-03-11T02:00:00.000Z' });
      const [, green] = alert.decide(submit({ signals: ['orders_collapse'], workersAffected: 3 }), alert.initialState());
      expect(green).toEqual({
        type: 'AlertGraded',
        data: {
          grade: 'green',
          points: 5,
          breakdown: [
            { factor: 'signal:orders_collapse', points: 5 },
            { factor: 'workers:1+', points: 0 },
          ],
          weightsVersion: 1,
        },
      });
    });

    it('grades with the weights it is given, and names their version', () => {
      const heavier: RiskWeights = { ...DEFAULT_RISK_WEIGHTS, signals: { ...DEFAULT_RISK_WEIGHTS.signals, orders_collapse: 25 }, version: 4 };
      const [, graded] = alert.decide(submit({ signals: ['orders_collapse'], workersAffected: 3, weights: heavier }), alert.initialState());
      expect(graded.data).toMatchObject({ grade: 'red', points: 25, weightsVersion: 4 });
    });

    it('takes the pick-up deadline from the policy it is given', () => {
      const [, graded] = alert.decide(submit({ pickupWithinMinutes: { red: 30, yellow: 60 } }), alert.initialState());
      expect(graded.data).toMatchObject({ pickupDeadlineAt: '2026-03-10T02:30:00.000Z' });
    });

    it('keeps a location given as a position or as words', () => {
      const [byPosition] = alert.decide(submit({ location: { lat: 22.72, lng: 114.25 } }), alert.initialState());
      expect(byPosition.data).toMatchObject({ location: { lat: 22.72, lng: 114.25 } });
      const [byWords] = alert.decide(submit({ location: { text: '平湖街道某工业园B栋' } }), alert.initialState());
      expect(byWords.data).toMatchObject({ location: { text: '平湖街道某工业园B栋' } });
    });

    // The fields themselves (codes, counts, lengths, the location...) are the request schema's: alert-requests.schema.spec.ts.
    it('refuses an observation in the future, beyond a phone clock running a little fast', () => {
      given(alert).when(submit({ observedAt: '2026-03-10T10:30:00+08:00' })).thenThrows('unprocessable', 'observedAt');
      expect(alert.decide(submit({ observedAt: '2026-03-10T10:03:00+08:00' }), alert.initialState())).toHaveLength(2);
    });

    it('refuses to submit the same alert twice', () => {
      given(alert, history).when(submit()).thenThrows('conflict');
    });
  });

  describe('triage', () => {
    it('acknowledges an alert once, naming who picked it up', () => {
      const state = asAlert(
        given(alert, history)
          .when({ type: 'AcknowledgeAlert', ...by(mediator) })
          .then([{ type: 'AlertAcknowledged', data: { acknowledgedAt: '2026-03-10T02:30:00.000Z', by: 'mediator-1' } }]),
      );
      expect(state).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'mediator-1' });
      const again = given(alert, [...history, acknowledged]).when({ type: 'AcknowledgeAlert', ...by(mediator, 40) }).thenThrows('unprocessable');
      // Messages give times as every answer does: China time (02:30Z is 10:30 in Shenzhen).
      expect(again.message).toBe('the alert was already acknowledged at 2026-03-10T10:30:00.000+08:00');
    });

    it('acknowledges an alert that was escalated for want of pick-up', () => {
      given(alert, [...history, timedOut])
        .when({ type: 'AcknowledgeAlert', ...by(mediator, 150) })
        .then([{ type: 'AlertAcknowledged', data: { acknowledgedAt: '2026-03-10T04:30:00.000Z', by: 'mediator-1' } }]);
    });

    it('verifies an alert once; verifying one not yet acknowledged picks it up too', () => {
      given(alert, [...history, acknowledged])
        .when({ type: 'VerifyAlert', note: '现场走访属实', ...by(mediator, 60) })
        .then([{ type: 'AlertVerified', data: { verifiedAt: '2026-03-10T03:00:00.000Z', note: '现场走访属实' } }]);
      const state = asAlert(
        given(alert, history)
          .when({ type: 'VerifyAlert', ...by(mediator, 60) })
          .then([
            { type: 'AlertAcknowledged', data: { acknowledgedAt: '2026-03-10T03:00:00.000Z', by: 'mediator-1' } },
            { type: 'AlertVerified', data: { verifiedAt: '2026-03-10T03:00:00.000Z' } },
          ]),
      );
      expect(state).toMatchObject({ status: 'verified', acknowledgedAt: '2026-03-10T03:00:00.000Z' });
      const verified: AlertEvent = { type: 'AlertVerified', data: { verifiedAt: '2026-03-10T03:00:00.000Z' } };
      given(alert, [...history, acknowledged, verified]).when({ type: 'VerifyAlert', ...by(mediator, 70) }).thenThrows('unprocessable');
    });

    it('dismisses an alert with a reason, and then does nothing more with it', () => {
      const state = asAlert(
        given(alert, [...history, acknowledged])
          .when({ type: 'DismissAlert', reason: '经核实企业已发放工资', ...by(mediator, 60) })
          .then([dismissed]),
      );
      expect(state).toMatchObject({ status: 'dismissed', dismissalReason: '经核实企业已发放工资' });
      const closed = [...history, dismissed];
      given(alert, closed).when({ type: 'DismissAlert', reason: '重复', ...by(mediator) }).thenThrows('unprocessable');
      given(alert, closed).when({ type: 'AcknowledgeAlert', ...by(mediator) }).thenThrows('unprocessable');
      given(alert, closed).when({ type: 'VerifyAlert', ...by(mediator) }).thenThrows('unprocessable');
      given(alert, closed).when({ type: 'EscalateAlert', ...by(mediator) }).thenThrows('unprocessable');
      given(alert, closed).when({ type: 'ConvertAlert', disputeId: 'd-1', ...by(mediator) }).thenThrows('unprocessable');
    });

    it('escalates by hand once, even after the clocks escalated a missed pick-up', () => {
      const escalated = given(alert, [...history, timedOut])
        .when({ type: 'EscalateAlert', note: '涉及40人，请领导关注', ...by(mediator, 150) })
        .then([{ type: 'AlertEscalated', data: { escalatedAt: '2026-03-10T04:30:00.000Z', reason: 'manual', note: '涉及40人，请领导关注' } }]);
      expect(asAlert(escalated).escalations.map((e) => e.reason)).toEqual(['not_acknowledged_in_time', 'manual']);
      const manual: AlertEvent = { type: 'AlertEscalated', data: { escalatedAt: '2026-03-10T02:30:00.000Z', reason: 'manual' } };
      given(alert, [...history, manual]).when({ type: 'EscalateAlert', ...by(mediator, 40) }).thenThrows('unprocessable');
    });

    it('escalates a missed pick-up when the clocks say so, once, and only while nobody picked the alert up', () => {
      const system = { now: new Date('2026-03-10T04:00:00.000Z'), actor: { id: 'system', role: 'system' } };
      const missed = { type: 'EscalateAlert' as const, reason: 'not_acknowledged_in_time' as const, ...system };
      const state = asAlert(given(alert, history).when(missed).then([timedOut]));
      expect(state.escalations).toEqual([{ escalatedAt: '2026-03-10T04:00:00.000Z', reason: 'not_acknowledged_in_time', note: null }]);
      // A job delivered again: noted once already, nothing more.
      given(alert, [...history, timedOut]).when(missed).then([]);
      // A manual escalation before does not stand for the missed deadline.
      const manual: AlertEvent = { type: 'AlertEscalated', data: { escalatedAt: '2026-03-10T02:30:00.000Z', reason: 'manual' } };
      given(alert, [...history, manual]).when(missed).then([timedOut]);
      given(alert, [...history, acknowledged]).when(missed).thenThrows('unprocessable');
      given(alert, [...history, dismissed]).when(missed).thenThrows('unprocessable');
      const green: AlertEvent = { type: 'AlertGraded', data: { ...gradedRed.data, grade: 'green', pickupDeadlineAt: undefined } } as AlertEvent;
      given(alert, [submittedEvent, green]).when(missed).thenThrows('unprocessable');
      given(alert).when(missed).thenThrows('not_found');
    });

    it('converts an alert once into a dispute case, and never a dismissed one', () => {
      const state = asAlert(given(alert, [...history, acknowledged]).when({ type: 'ConvertAlert', disputeId: 'd-1', ...by(mediator, 60) }).then([converted]));
      expect(state).toMatchObject({ status: 'converted', disputeId: 'd-1' });
      given(alert, [...history, converted]).when({ type: 'ConvertAlert', disputeId: 'd-2', ...by(mediator) }).thenThrows('unprocessable');
      given(alert, [...history, dismissed]).when({ type: 'ConvertAlert', disputeId: 'd-1', ...by(mediator) }).thenThrows('unprocessable');
    });

    it('answers not found for an alert never submitted', () => {
      given(alert).when({ type: 'AcknowledgeAlert', ...by(mediator) }).thenThrows('not_found');
      given(alert).when({ type: 'ConvertAlert', disputeId: 'd-1', ...by(mediator) }).thenThrows('not_found');
    });
  });

  it('leaves the state alone for events it does not know, and refuses a stream that does not start with AlertSubmitted', () => {
    const foreign = { type: 'DeadlineReached', data: { clock: 'x' } } as unknown as AlertEvent;
    expect(given(alert, [...history, foreign]).state).toEqual(given(alert, history).state);
    expect(alert.evolve(alert.initialState(), foreign)).toEqual({ status: 'not_submitted' });
    expect(() => given(alert, [acknowledged])).toThrow(/never submitted/);
  });

  describe('conversion into a dispute case', () => {
    const open = asAlert(given(alert, history).state);

    it('opens a case of channel informant_alert with the alert as its source', () => {
      const fields = disputeFromAlert(open, {});
      expect(fields).toEqual({
        channel: 'informant_alert',
        subDistrict: 'pinghu',
        employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
        category: 'wage_arrears',
        workersInvolved: 40,
        amountClaimedFen: 0,
        summary: '老板已三天联系不上，2月工资未发',
        claimants: [{ name: '预警涉及职工（待核实）' }],
        source: { kind: 'alert', id: 'a-1' },
      });
      // As it is, it opens a case (a group dispute: 40 workers).
      const [opened, flagged] = disputeCase.decide(
        { type: 'OpenDispute', disputeId: 'd-1', caseNo: 'LG-PH-2026-0001', ...fields, now, actor: mediator },
        disputeCase.initialState(),
      );
      expect(opened.type).toBe('DisputeOpened');
      expect(flagged.type).toBe('GroupDisputeFlagged');
    });

    it('takes what the conversion adds over the alert', () => {
      const claimants = [{ name: '王五', phone: '13912345678' }];
      expect(disputeFromAlert(open, { category: 'social_insurance', workersInvolved: 12, amountClaimedFen: 500_000, claimants, summary: '社保' })).toMatchObject({
        category: 'social_insurance',
        workersInvolved: 12,
        amountClaimedFen: 500_000,
        claimants,
        summary: '社保',
      });
    });

    it('guesses the category from the signals', () => {
      expect(disputeCategoryForSignals(['owner_unreachable'])).toBe('wage_arrears');
      expect(disputeCategoryForSignals(['social_insurance_unpaid', 'layoffs'])).toBe('social_insurance');
      expect(disputeCategoryForSignals(['shutdown_planned'])).toBe('termination_compensation');
      expect(disputeCategoryForSignals(['collective_action_risk', 'orders_collapse'])).toBe('other');
    });
  });
});
