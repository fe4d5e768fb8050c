import { DEADLINE_REACHED, deriveClocks, hasReminder, recordReference, REMINDER_DUE, withdrawnDeadlines } from './clock-rules';

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

/**
 * Met or missed on the record's own dates (docs/decisions/0007): a case typed in on 2 December
 * 2026 that was opened on 10 November, negotiated on 12 November (the 15 days end on 27 November)
 * and resolved on 15 November met its deadline, although the clocks had noted it reached before
 * the resolution was typed in.
 */
describe('a back-dated record is judged on its own dates', () => {
  type E = { type: string; data: Record<string, unknown> };
  const given = (...events: E[]) => ({
    when: (...more: E[]) => ({ then: (stream = 'dispute-d1') => ({ clocks: deriveClocks(stream, [...events, ...more]), withdrawn: withdrawnDeadlines(stream, [...events, ...more]) }) }),
  });
  const opened = { type: 'DisputeOpened', data: { disputeId: 'd1', subDistrict: 'pinghu', openedOn: '2026-11-10', mediatorId: 'u1' } };
  const session = { type: 'StepLogged', data: { kind: 'negotiation_session', occurredAt: '2026-11-12T02:00:00.000Z' } };
  // What the clocks appended when the case was typed in on 2 December, 27 November being past.
  const reached = { type: DEADLINE_REACHED, data: { clock: 'dispute_mediation', lastDay: '2026-11-27', deadlineAt: '2026-11-27T16:00:00.000Z' } };
  const resolved = (resolvedOn: string) => ({ type: 'DisputeResolved', data: { outcome: 'agreement', resolvedOn, note: '' } });

  it('given the deadline noted reached, when the case is resolved on 15 November, then the clock met it and its overdue notice is withdrawn', () => {
    const { clocks, withdrawn } = given(opened, session, reached).when(resolved('2026-11-15')).then();
    expect(clocks[0]).toMatchObject({ kind: 'dispute_mediation', lastDay: '2026-11-27', running: false, deadlineReached: true, completedOn: '2026-11-15', met: true });
    expect(withdrawn).toEqual([reached.data]);
  });

  it('given the deadline noted reached, when the case is resolved on its last day, then it met it', () => {
    const { clocks, withdrawn } = given(opened, session, reached).when(resolved('2026-11-27')).then();
    expect(clocks[0]).toMatchObject({ met: true, completedOn: '2026-11-27' });
    expect(withdrawn).toHaveLength(1);
  });

  it('given the deadline noted reached, when the case is resolved on 28 November, then it missed it and the notice stands', () => {
    const { clocks, withdrawn } = given(opened, session, reached).when(resolved('2026-11-28')).then();
    expect(clocks[0]).toMatchObject({ running: false, met: false, completedOn: '2026-11-28' });
    expect(withdrawn).toEqual([]);
  });

  it('given a running clock, then nothing is met or missed yet and nothing is withdrawn', () => {
    const { clocks, withdrawn } = given(opened, session).when(reached).then();
    expect(clocks[0]).toMatchObject({ running: true, completedOn: null, met: null, deadlineReached: true });
    expect(withdrawn).toEqual([]);
  });

  it('given a case resolved in time, when it is reopened on 25 November, then its 15 days run afresh from the reopening', () => {
    const { clocks, withdrawn } = given(opened, session, reached, resolved('2026-11-15'))
      .when({ type: 'DisputeReopened', data: { reason: '企业未按协议履行', reopenedOn: '2026-11-25' } })
      .then();
    expect(clocks[0]).toMatchObject({ kind: 'dispute_mediation', startedOn: '2026-11-25', lastDay: '2026-12-10', running: true, deadlineReached: false, met: null });
    expect(clocks[0].deadlineAt.toISOString()).toBe('2026-12-10T16:00:00.000Z');
    // The old deadline was met: its notice stays withdrawn.
    expect(withdrawn).toEqual([]);
  });

  it('given a reopened case with no negotiation before, when a session is held after the reopening, then the 15 days run from that session', () => {
    const { clocks } = given(opened, resolved('2026-11-15'), { type: 'DisputeReopened', data: { reason: 'x', reopenedOn: '2026-11-25' } })
      .when({ type: 'StepLogged', data: { kind: 'negotiation_session', occurredAt: '2026-11-30T02:00:00.000Z' } })
      .then();
    expect(clocks[0]).toMatchObject({ startedOn: '2026-11-30', lastDay: '2026-12-15' });
  });

  it('given a reopened case, then the one-year limitation keeps its day (it runs from when the worker knew)', () => {
    const { clocks } = given({ ...opened, data: { ...opened.data, infringementKnownOn: '2026-01-10' } }, resolved('2026-11-15'))
      .when({ type: 'DisputeReopened', data: { reason: 'x', reopenedOn: '2026-11-25' } })
      .then();
    expect(clocks.find((c) => c.kind === 'arbitration_limitation')).toMatchObject({ lastDay: '2027-01-10', running: true });
  });

  describe('court-referred mediations', () => {
    const referred = { type: 'MediationReferred', data: { mediationId: 'm1', referredOn: '2026-10-01', subDistrict: 'buji' } };
    // Typed in on 2 December: the 30 days ended on 31 October.
    const periodReached = { type: DEADLINE_REACHED, data: { clock: 'mediation_period', lastDay: '2026-10-31', deadlineAt: '2026-10-31T16:00:00.000Z' } };

    it.each([
      ['an agreement', { type: 'MediationAgreementReached', data: { amountFen: 100, agreedOn: '2026-10-20', paymentTerms: '' } }, '2026-10-20'],
      ['a failure', { type: 'MediationFailed', data: { reason: 'x', failedOn: '2026-10-31' } }, '2026-10-31'],
      ['a withdrawal', { type: 'MediationWithdrawn', data: { withdrawnOn: '2026-10-05' } }, '2026-10-05'],
    ])('given the period noted reached, when %s is dated within it, then the period met its deadline', (_, ending, on) => {
      const { clocks, withdrawn } = given(referred, periodReached).when(ending).then('mediation-m1');
      expect(clocks[0]).toMatchObject({ kind: 'mediation_period', running: false, completedOn: on, met: true });
      expect(withdrawn).toEqual([periodReached.data]);
    });

    it('given the period noted reached, when a failure is dated after it, then it missed it', () => {
      const { clocks, withdrawn } = given(referred, periodReached).when({ type: 'MediationFailed', data: { reason: 'x', failedOn: '2026-11-02' } }).then('mediation-m1');
      expect(clocks[0]).toMatchObject({ met: false });
      expect(withdrawn).toEqual([]);
    });

    it('given the period noted reached, when an extension agreed within it is typed in, then the old deadline is withdrawn and the new one runs', () => {
      const { clocks, withdrawn } = given(referred, periodReached)
        .when({ type: 'MediationExtended', data: { extraDays: 15, agreedOn: '2026-10-30' } })
        .then('mediation-m1');
      expect(clocks[0]).toMatchObject({ lastDay: '2026-11-15', running: true, deadlineReached: false });
      expect(withdrawn).toEqual([periodReached.data]);
    });

    it('given the confirmation window noted reached, when the application is dated within it, then it met it', () => {
      const agreed = { type: 'MediationAgreementReached', data: { amountFen: 100, agreedOn: '2026-10-20', paymentTerms: '' } };
      const windowReached = { type: DEADLINE_REACHED, data: { clock: 'judicial_confirmation', lastDay: '2026-11-19', deadlineAt: '2026-11-19T16:00:00.000Z' } };
      const { clocks, withdrawn } = given(referred, agreed, windowReached)
        .when({ type: 'JudicialConfirmationApplied', data: { on: '2026-11-18' } })
        .then('mediation-m1');
      expect(clocks[1]).toMatchObject({ kind: 'judicial_confirmation', running: false, completedOn: '2026-11-18', met: true });
      expect(withdrawn).toEqual([windowReached.data]);
    });
  });
});
