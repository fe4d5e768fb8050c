import { DEADLINE_REACHED, deriveClocks, hasReminder, recordReference, REMINDER_DUE } from './clock-rules';

const referred = {
  type: 'MediationReferred',
  data: { mediationId: 'm1', referredOn: '2026-03-01', subDistrict: 'buji', court: '龙岗区人民法院' },
};

describe('mediation clocks', () => {
  it('runs 30 days from referral: the deadline is the end of day 30, China Standard Time', () => {
    const [period] = deriveClocks('mediation-m1', [referred]);
    expect(period).toMatchObject({
      clockId: 'mediation_period.m1',
      kind: 'mediation_period',
      subDistrict: 'buji',
      lastDay: '2026-03-31',
      running: true,
      reminded: false,
      deadlineReached: false,
    });
    expect(period.deadlineAt.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(period.remindAt.toISOString()).toBe('2026-03-28T16:00:00.000Z');
  });

  it('moves with the agreed extension and follows the assigned mediator', () => {
    const [period] = deriveClocks('mediation-m1', [
      referred,
      { type: 'MediationMediatorAssigned', data: { mediatorId: 'u7' } },
      { type: 'MediationExtended', data: { extraDays: 15, agreedOn: '2026-03-20' } },
    ]);
    expect(period).toMatchObject({ lastDay: '2026-04-15', assignedTo: 'u7', running: true });
  });

  it('stops at the agreement, which starts the judicial-confirmation window until an application', () => {
    const agreed = { type: 'MediationAgreementReached', data: { amountFen: 100, agreedOn: '2026-03-10' } };
    const [period, confirmation] = deriveClocks('mediation-m1', [referred, agreed]);
    expect(period.running).toBe(false);
    expect(confirmation).toMatchObject({ kind: 'judicial_confirmation', lastDay: '2026-04-09', running: true });
    const applied = deriveClocks('mediation-m1', [referred, agreed, { type: 'JudicialConfirmationApplied', data: { on: '2026-03-12' } }]);
    expect(applied[1].running).toBe(false);
  });

  it('stops on failure and withdrawal', () => {
    expect(deriveClocks('mediation-m1', [referred, { type: 'MediationFailed', data: {} }])[0].running).toBe(false);
    expect(deriveClocks('mediation-m1', [referred, { type: 'MediationWithdrawn', data: {} }])[0].running).toBe(false);
  });

  it('knows which reminder and deadline were already appended, for the current deadline only', () => {
    const [period] = deriveClocks('mediation-m1', [referred]);
    const mark = { clock: 'mediation_period', lastDay: period.lastDay, deadlineAt: period.deadlineAt.toISOString() };
    const reached = deriveClocks('mediation-m1', [referred, { type: REMINDER_DUE, data: mark }, { type: DEADLINE_REACHED, data: mark }]);
    expect(reached[0]).toMatchObject({ reminded: true, deadlineReached: true, running: true });
    // An extension after a reminder starts a new deadline, with its own reminder.
    const extended = deriveClocks('mediation-m1', [
      referred,
      { type: REMINDER_DUE, data: mark },
      { type: 'MediationExtended', data: { extraDays: 10, agreedOn: '2026-03-29' } },
    ]);
    expect(extended[0]).toMatchObject({ lastDay: '2026-04-10', reminded: false, running: true });
  });
});

describe('dispute clocks', () => {
  const opened = (extra: Record<string, unknown> = {}) => ({
    type: 'DisputeOpened',
    data: { disputeId: 'd1', subDistrict: 'pinghu', openedOn: '2026-03-01', ...extra },
  });

  it('has none until a negotiation session, then 15 days from the first one (art. 14)', () => {
    expect(deriveClocks('dispute-d1', [opened()])).toEqual([]);
    const clocks = deriveClocks('dispute-d1', [
      opened(),
      { type: 'StepLogged', data: { kind: 'contact', occurredAt: '2026-03-02T02:00:00Z' } },
      // 2026-03-04T17:00Z is already 5 March in Shanghai.
      { type: 'StepLogged', data: { kind: 'negotiation_session', occurredAt: '2026-03-04T17:00:00Z' } },
      { type: 'StepLogged', data: { kind: 'negotiation_session', occurredAt: '2026-03-08T02:00:00Z' } },
    ]);
    expect(clocks).toHaveLength(1);
    expect(clocks[0]).toMatchObject({ kind: 'dispute_mediation', startedOn: '2026-03-05', lastDay: '2026-03-20', running: true });
  });

  it('warns 30 days before the one-year arbitration limitation (art. 27)', () => {
    const [limitation] = deriveClocks('dispute-d1', [opened({ infringementKnownOn: '2025-06-15' })]);
    expect(limitation).toMatchObject({ kind: 'arbitration_limitation', lastDay: '2026-06-15' });
    expect(limitation.remindAt.toISOString()).toBe('2026-05-16T16:00:00.000Z');
    expect(deriveClocks('dispute-d1', [opened({ infringementKnownOn: '2024-02-29' })])[0].lastDay).toBe('2025-02-28');
  });

  it('stops when the case is resolved, and runs again when it is reopened', () => {
    const events = [opened({ infringementKnownOn: '2026-01-10' }), { type: 'DisputeResolved', data: {} }];
    expect(deriveClocks('dispute-d1', events)[0].running).toBe(false);
    expect(deriveClocks('dispute-d1', [...events, { type: 'DisputeReopened', data: {} }])[0].running).toBe(true);
  });
});

describe('alert pick-up clock', () => {
  // Submitted 22:30 on 10 March in Shenzhen; red: to be picked up within 2 hours, by 00:30 on 11 March.
  const submitted = {
    type: 'AlertSubmitted',
    data: { alertId: 'a1', subDistrict: 'pinghu', submittedAt: '2026-03-10T14:30:00.000Z', informantId: 'i1' },
  };
  const graded = (pickupDeadlineAt?: string) => ({
    type: 'AlertGraded',
    data: { grade: pickupDeadlineAt ? 'red' : 'green', points: 25, breakdown: [], weightsVersion: 1, ...(pickupDeadlineAt ? { pickupDeadlineAt } : {}) },
  });
  const red = graded('2026-03-10T16:30:00.000Z');

  it('runs from submission to the deadline the grading fixed, dated by the Shanghai calendar, with no reminder', () => {
    const [pickup] = deriveClocks('alert-a1', [submitted, red]);
    expect(pickup).toMatchObject({
      clockId: 'alert_pickup.a1',
      kind: 'alert_pickup',
      subjectId: 'a1',
      subDistrict: 'pinghu',
      assignedTo: null,
      startedOn: '2026-03-10',
      lastDay: '2026-03-11',
      running: true,
      deadlineReached: false,
    });
    expect(pickup.deadlineAt.toISOString()).toBe('2026-03-10T16:30:00.000Z');
    expect(pickup.remindAt).toEqual(pickup.deadlineAt);
    expect(hasReminder('alert_pickup')).toBe(false);
    expect(hasReminder('mediation_period')).toBe(true);
  });

  it('has none for a green alert, nor before grading', () => {
    expect(deriveClocks('alert-a1', [submitted, graded()])).toEqual([]);
    expect(deriveClocks('alert-a1', [submitted])).toEqual([]);
  });

  it.each(['AlertAcknowledged', 'AlertVerified', 'AlertDismissed', 'AlertConverted'])('stops on %s', (type) => {
    expect(deriveClocks('alert-a1', [submitted, red, { type, data: {} }])[0].running).toBe(false);
  });

  it('escalates a missed pick-up with AlertEscalated, which marks the deadline reached; a manual escalation does not', () => {
    // What the alert's decider makes of the clocks' EscalateAlert (see its spec).
    const fired = { type: 'AlertEscalated', data: { escalatedAt: '2026-03-10T16:30:01.000Z', reason: 'not_acknowledged_in_time' } };
    const manual = { type: 'AlertEscalated', data: { escalatedAt: '2026-03-10T15:00:00.000Z', reason: 'manual' } };
    expect(deriveClocks('alert-a1', [submitted, red, manual])[0]).toMatchObject({ running: true, deadlineReached: false });
    // Still running: nobody has picked it up, but it is escalated once only.
    expect(deriveClocks('alert-a1', [submitted, red, manual, fired])[0]).toMatchObject({ running: true, deadlineReached: true });
  });
});

describe('the record a clock belongs to', () => {
  it('is named by its number and its employer, name and credit code (enterprise for an alert)', () => {
    const employer = { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' };
    expect(recordReference([{ type: 'DisputeOpened', data: { caseNo: 'PH-2026-0001', employer } }])).toEqual({
      reference: 'PH-2026-0001',
      employerName: employer.name,
      employerCreditCode: employer.creditCode,
    });
    expect(recordReference([{ type: 'AlertSubmitted', data: { enterprise: employer } }])).toEqual({
      reference: null,
      employerName: employer.name,
      employerCreditCode: employer.creditCode,
    });
  });
});
