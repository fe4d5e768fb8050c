import { Actor, DomainEvent, fold, given } from '@lc/decider';
import {
  Mediation,
  MediationEvent,
  MediationReferred,
  ReferMediation,
  awaitsJudicialConfirmation,
  isMediationRunning,
  judicialConfirmationDeadline,
  mediation,
  mediationDeadline,
  mediationStreamId,
} from './mediation.decider';

// 2026-03-10 10:00 in Shanghai.
const now = new Date('2026-03-10T02:00:00Z');
const actor: Actor = { id: 'user-1', role: 'mediator' };
const ctx = { now, actor };
const at = (iso: string) => ({ now: new Date(iso), actor });

const referCommand = (overrides: Partial<ReferMediation> = {}): ReferMediation => ({
  type: 'ReferMediation',
  mediationId: '5f0c6a52-2b1e-4e39-8a0e-6a1f3c9d2e10',
  court: '深圳市龙岗区人民法院',
  courtCaseNo: '（2026）粤0307民诉前调1234号',
  referredOn: '2026-03-02',
  subDistrict: 'pinghu',
  category: 'wage_arrears',
  employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
  workers: [{ name: '张三', idNumber: '11010519491231002X', phone: '13812345678' }, { name: '李四' }],
  claimAmountFen: 12_000_000,
  ...ctx,
  ...overrides,
});

const referred = (overrides: Partial<MediationReferred['data']> = {}): MediationReferred => ({
  type: 'MediationReferred',
  data: {
    mediationId: '5f0c6a52-2b1e-4e39-8a0e-6a1f3c9d2e10',
    court: '深圳市龙岗区人民法院',
    courtCaseNo: '（2026）粤0307民诉前调1234号',
    referredOn: '2026-03-02',
    subDistrict: 'pinghu',
    category: 'wage_arrears',
    employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
    workers: [{ name: '张三', idNumber: '11010519491231002X', phone: '13812345678' }, { name: '李四' }],
    claimAmountFen: 12_000_000,
    ...overrides,
  },
});

const assigned = (mediatorId = 'mediator-1'): MediationEvent => ({ type: 'MediationMediatorAssigned', data: { mediatorId } });
const session = (heldOn: string): MediationEvent => ({ type: 'MediationSessionHeld', data: { heldOn, form: 'in_person', note: '三方面对面调解' } });
const agreedOn = (date: string, amountFen = 10_000_000): MediationEvent => ({
  type: 'MediationAgreementReached',
  data: { amountFen, agreedOn: date, paymentTerms: '2026年4月30日前一次性支付' },
});
const applied = (on: string): MediationEvent => ({ type: 'JudicialConfirmationApplied', data: { on } });
const extended = (extraDays: number, on: string): MediationEvent => ({ type: 'MediationExtended', data: { extraDays, agreedOn: on } });
const failed = (on: string): MediationEvent => ({ type: 'MediationFailed', data: { reason: '企业拒绝调解', failedOn: on } });
const withdrawn = (on: string): MediationEvent => ({ type: 'MediationWithdrawn', data: { withdrawnOn: on } });
const asMediation = (state: unknown) => state as Mediation;

const hold = (heldOn: string, overrides = {}) => ({ type: 'HoldSession' as const, heldOn, form: 'phone' as const, note: '电话调解', ...ctx, ...overrides });
const agree = (date: string, overrides = {}) => ({
  type: 'ReachAgreement' as const,
  amountFen: 10_000_000,
  agreedOn: date,
  paymentTerms: '2026年4月30日前一次性支付',
  ...ctx,
  ...overrides,
});
const extend = (extraDays: number, date: string, overrides = {}) => ({ type: 'ExtendMediation' as const, extraDays, agreedOn: date, ...ctx, ...overrides });
const confirm = (status: 'applied' | 'granted' | 'refused', on: string, overrides = {}) => ({
  type: 'RecordJudicialConfirmation' as const,
  status,
  on,
  ...ctx,
  ...overrides,
});
const fail = (failedOn: string, overrides = {}) => ({ type: 'FailMediation' as const, reason: '企业拒绝调解', failedOn, ...ctx, ...overrides });
const withdraw = (overrides = {}) => ({ type: 'WithdrawMediation' as const, ...ctx, ...overrides });

describe('mediation', () => {
  it('lives in the stream mediation-<uuid>', () => {
    expect(mediationStreamId('abc')).toBe('mediation-abc');
  });

  describe('referral', () => {
    it('records the referral as given, waiting for a mediator', () => {
      const state = asMediation(given(mediation).when(referCommand()).then([referred()]));
      expect(state).toMatchObject({
        status: 'referred',
        subDistrict: 'pinghu',
        referredOn: '2026-03-02',
        mediatorId: null,
        extraDays: 0,
        agreedOn: null,
        amountFen: null,
        judicialConfirmation: 'not_applied',
      });
      expect(isMediationRunning(state)).toBe(true);
    });

    it('accepts a referral dated today but not tomorrow, by the Shanghai calendar', () => {
      given(mediation).when(referCommand({ referredOn: '2026-03-10' })).then([referred({ referredOn: '2026-03-10' })]);
      given(mediation).when(referCommand({ referredOn: '2026-03-11' })).thenThrows('unprocessable', 'referredOn');
    });

    it('records the referral with the mediator recording it, in progress at once; nobody else that way', () => {
      const state = given(mediation).when(referCommand({ mediatorId: actor.id })).then([referred({ mediatorId: actor.id })]);
      expect(asMediation(state)).toMatchObject({ status: 'in_progress', mediatorId: actor.id });
      given(mediation).when(referCommand({ mediatorId: 'someone-else' })).thenThrows('validation_failed', 'mediatorId');
      // 01:00 on 11 March in Shanghai is still 10 March in UTC.
      given(mediation)
        .when(referCommand({ referredOn: '2026-03-11', ...at('2026-03-10T17:00:00Z') }))
        .then([referred({ referredOn: '2026-03-11' })]);
    });

    it('refuses to refer a mediation twice', () => {
      given(mediation, [referred()]).when(referCommand()).thenThrows('conflict');
    });

    it('keeps optional worker fields out of the event when absent', () => {
      given(mediation)
        .when(referCommand({ workers: [{ name: '王五', idNumber: undefined, phone: undefined }] }))
        .then([referred({ workers: [{ name: '王五' }] })]);
    });

    // The fields themselves (codes, amounts, dates, credit codes...) are the request schema's: mediation-requests.schema.spec.ts.
    it('accepts a claim of 0 fen (a case about the labour relation itself claims no sum)', () => {
      given(mediation).when(referCommand({ claimAmountFen: 0 })).then([referred({ claimAmountFen: 0 })]);
    });
  });

  describe('mediator and sessions', () => {
    // Supervisors assign; a mediator only takes unassigned work for themselves.
    const ctx = { now, actor: { id: 'sup-1', role: 'supervisor' } as Actor };
    const byMediator = (id: string) => ({ now, actor: { id, role: 'mediator' } as Actor });

    it('lets a mediator take an unassigned mediation for themselves, not for a colleague, nor from one', () => {
      given(mediation, [referred()]).when({ type: 'AssignMediationMediator', mediatorId: 'm-1', ...byMediator('m-1') }).then([assigned('m-1')]);
      given(mediation, [referred()]).when({ type: 'AssignMediationMediator', mediatorId: 'm-2', ...byMediator('m-1') }).thenThrows('forbidden', 'mediatorId');
      given(mediation, [referred(), assigned('m-1')])
        .when({ type: 'AssignMediationMediator', mediatorId: 'm-2', ...byMediator('m-2') })
        .thenThrows('conflict', 'mediatorId');
    });

    it('refuses a mediator naming a colleague first, whatever the mediation: assigned to that colleague already, or failed', () => {
      given(mediation, [referred(), assigned('m-2')])
        .when({ type: 'AssignMediationMediator', mediatorId: 'm-2', ...byMediator('m-1') })
        .thenThrows('forbidden', 'mediatorId');
      given(mediation, [referred(), assigned('m-2'), failed('2026-03-09')])
        .when({ type: 'AssignMediationMediator', mediatorId: 'm-2', ...byMediator('m-1') })
        .thenThrows('forbidden', 'mediatorId');
    });

    it('assigning a mediator puts the mediation in progress', () => {
      const state = given(mediation, [referred()]).when({ type: 'AssignMediationMediator', mediatorId: 'm-1', ...ctx }).then([assigned('m-1')]);
      expect(asMediation(state)).toMatchObject({ status: 'in_progress', mediatorId: 'm-1' });
    });

    it('assigning the same mediator again appends nothing; another one replaces them', () => {
      given(mediation, [referred(), assigned('m-1')]).when({ type: 'AssignMediationMediator', mediatorId: 'm-1', ...ctx }).then([]);
      given(mediation, [referred(), assigned('m-1')])
        .when({ type: 'AssignMediationMediator', mediatorId: 'm-2', ...ctx })
        .then([assigned('m-2')]);
    });

    it('may hand an agreed mediation over (its judicial confirmation is still to come), not a failed one', () => {
      given(mediation, [referred(), agreedOn('2026-03-09')])
        .when({ type: 'AssignMediationMediator', mediatorId: 'm-2', ...ctx })
        .then([assigned('m-2')]);
      given(mediation, [referred(), failed('2026-03-09')])
        .when({ type: 'AssignMediationMediator', mediatorId: 'm-2', ...ctx })
        .thenThrows('unprocessable');
    });

    it('records sessions, which also put it in progress', () => {
      const state = given(mediation, [referred()])
        .when(hold('2026-03-05'))
        .then([{ type: 'MediationSessionHeld', data: { heldOn: '2026-03-05', form: 'phone', note: '电话调解' } }]);
      expect(asMediation(state)).toMatchObject({ status: 'in_progress', sessionsHeld: 1, lastSessionOn: '2026-03-05' });
      const later = fold(mediation, [referred(), session('2026-03-06'), session('2026-03-04')]);
      expect(asMediation(later)).toMatchObject({ sessionsHeld: 2, lastSessionOn: '2026-03-06' });
    });

    it('refuses a session in the future or before the referral', () => {
      given(mediation, [referred()]).when(hold('2026-03-11')).thenThrows('unprocessable', 'heldOn');
      given(mediation, [referred()]).when(hold('2026-03-01')).thenThrows('unprocessable', 'heldOn');
    });

    it('refuses sessions once the mediation ended', () => {
      given(mediation, [referred(), agreedOn('2026-03-08')]).when(hold('2026-03-09')).thenThrows('unprocessable');
      given(mediation, [referred(), withdrawn('2026-03-08')]).when(hold('2026-03-09')).thenThrows('unprocessable');
    });

    it('answers not_found for a mediation never referred', () => {
      given(mediation).when(hold('2026-03-05')).thenThrows('not_found');
    });
  });

  describe('the mediation period and its extension', () => {
    it('ends 30 days after the referral, plus the days of the extension', () => {
      const state = asMediation(fold(mediation, [referred()]));
      expect(mediationDeadline(state)).toBe('2026-04-01');
      expect(mediationDeadline({ referredOn: '2026-03-02', extraDays: 15 })).toBe('2026-04-16');
      const extendedState = asMediation(fold(mediation, [referred(), extended(20, '2026-03-25')]));
      expect(extendedState).toMatchObject({ extraDays: 20, extendedOn: '2026-03-25' });
      expect(mediationDeadline(extendedState)).toBe('2026-04-21');
    });

    it('extends once, by 1 to 30 days, with a note when given', () => {
      given(mediation, [referred()]).when(extend(15, '2026-03-09')).then([extended(15, '2026-03-09')]);
      given(mediation, [referred()])
        .when(extend(30, '2026-03-09', { note: '双方同意延长' }))
        .then([{ type: 'MediationExtended', data: { extraDays: 30, agreedOn: '2026-03-09', note: '双方同意延长' } }]);
      given(mediation, [referred(), extended(10, '2026-03-08')]).when(extend(5, '2026-03-09')).thenThrows('unprocessable');
    });

    it('is agreed while the period runs: up to its last day, not after', () => {
      // Referred 2026-02-01: the period's last day is 2026-03-03.
      const early = referred({ referredOn: '2026-02-01' });
      given(mediation, [early]).when(extend(10, '2026-03-03')).then([extended(10, '2026-03-03')]);
      given(mediation, [early]).when(extend(10, '2026-03-04')).thenThrows('unprocessable', 'agreedOn');
    });

    it('refuses an extension in the future, before the referral, or once the mediation ended', () => {
      given(mediation, [referred()]).when(extend(10, '2026-03-11')).thenThrows('unprocessable', 'agreedOn');
      given(mediation, [referred()]).when(extend(10, '2026-03-01')).thenThrows('unprocessable', 'agreedOn');
      given(mediation, [referred(), failed('2026-03-08')]).when(extend(10, '2026-03-08')).thenThrows('unprocessable');
    });
  });

  describe('agreement', () => {
    it('records the amount won and the payment terms; the mediation clock stops', () => {
      const state = asMediation(given(mediation, [referred(), assigned()]).when(agree('2026-03-09')).then([agreedOn('2026-03-09')]));
      expect(state).toMatchObject({ status: 'agreed', agreedOn: '2026-03-09', amountFen: 10_000_000, paymentTerms: '2026年4月30日前一次性支付' });
      expect(isMediationRunning(state)).toBe(false);
      expect(awaitsJudicialConfirmation(state)).toBe(true);
    });

    it('refuses an agreement in the future or before the referral', () => {
      given(mediation, [referred()]).when(agree('2026-03-11')).thenThrows('unprocessable', 'agreedOn');
      given(mediation, [referred()]).when(agree('2026-03-01')).thenThrows('unprocessable', 'agreedOn');
    });

    it('refuses an agreement, a failure or a withdrawal once the mediation ended', () => {
      for (const ended of [agreedOn('2026-03-08'), failed('2026-03-08'), withdrawn('2026-03-08')]) {
        given(mediation, [referred(), ended]).when(agree('2026-03-09')).thenThrows('unprocessable');
        given(mediation, [referred(), ended]).when(fail('2026-03-09')).thenThrows('unprocessable');
        given(mediation, [referred(), ended]).when(withdraw()).thenThrows('unprocessable');
      }
    });
  });

  describe('judicial confirmation', () => {
    const agreed = [referred(), assigned(), agreedOn('2026-03-05')];

    it('is applied for, then granted', () => {
      const afterApplying = given(mediation, agreed).when(confirm('applied', '2026-03-06')).then([applied('2026-03-06')]);
      expect(asMediation(afterApplying)).toMatchObject({ judicialConfirmation: 'applied', judicialConfirmationAppliedOn: '2026-03-06' });
      expect(awaitsJudicialConfirmation(afterApplying)).toBe(false);
      const state = given(mediation, [...agreed, applied('2026-03-06')])
        .when(confirm('granted', '2026-03-10'))
        .then([{ type: 'JudicialConfirmationGranted', data: { on: '2026-03-10' } }]);
      expect(asMediation(state)).toMatchObject({ status: 'agreed', judicialConfirmation: 'granted', judicialConfirmationDecidedOn: '2026-03-10' });
    });

    it('or refused', () => {
      const state = given(mediation, [...agreed, applied('2026-03-06')])
        .when(confirm('refused', '2026-03-09'))
        .then([{ type: 'JudicialConfirmationRefused', data: { on: '2026-03-09' } }]);
      expect(asMediation(state)).toMatchObject({ judicialConfirmation: 'refused', judicialConfirmationDecidedOn: '2026-03-09' });
    });

    it('needs an agreement', () => {
      given(mediation, [referred()]).when(confirm('applied', '2026-03-06')).thenThrows('unprocessable', 'status');
      given(mediation, [referred(), failed('2026-03-05')]).when(confirm('applied', '2026-03-06')).thenThrows('unprocessable', 'status');
    });

    it('is applied for before the court grants or refuses it, once', () => {
      given(mediation, agreed).when(confirm('granted', '2026-03-06')).thenThrows('unprocessable', 'status');
      given(mediation, agreed).when(confirm('refused', '2026-03-06')).thenThrows('unprocessable', 'status');
      given(mediation, [...agreed, applied('2026-03-06')]).when(confirm('applied', '2026-03-07')).thenThrows('unprocessable', 'status');
      const decided = [...agreed, applied('2026-03-06'), { type: 'JudicialConfirmationGranted', data: { on: '2026-03-08' } } as MediationEvent];
      given(mediation, decided).when(confirm('refused', '2026-03-09')).thenThrows('unprocessable', 'status');
      given(mediation, decided).when(confirm('granted', '2026-03-09')).thenThrows('unprocessable', 'status');
    });

    it('is applied for within 30 days of the agreement, its last day included', () => {
      // Agreed 2026-02-01: the window's last day is 2026-03-03.
      const early = [referred({ referredOn: '2026-01-20' }), agreedOn('2026-02-01')];
      expect(judicialConfirmationDeadline(asMediation(fold(mediation, early)))).toBe('2026-03-03');
      given(mediation, early).when(confirm('applied', '2026-03-03')).then([applied('2026-03-03')]);
      given(mediation, early).when(confirm('applied', '2026-03-04')).thenThrows('unprocessable', 'on');
      expect(judicialConfirmationDeadline(asMediation(fold(mediation, [referred()])))).toBeNull();
    });

    it('refuses dates in the future, before the agreement, or a decision before the application', () => {
      given(mediation, agreed).when(confirm('applied', '2026-03-11')).thenThrows('unprocessable', 'on');
      given(mediation, agreed).when(confirm('applied', '2026-03-04')).thenThrows('unprocessable', 'on');
      given(mediation, [...agreed, applied('2026-03-07')]).when(confirm('granted', '2026-03-06')).thenThrows('unprocessable', 'on');
      given(mediation, [...agreed, applied('2026-03-07')]).when(confirm('granted', '2026-03-11')).thenThrows('unprocessable', 'on');
    });
  });

  describe('failure and withdrawal', () => {
    it('fails with a reason: the case returns to the court', () => {
      const state = given(mediation, [referred(), assigned()])
        .when(fail('2026-03-09'))
        .then([{ type: 'MediationFailed', data: { reason: '企业拒绝调解', failedOn: '2026-03-09' } }]);
      expect(asMediation(state)).toMatchObject({ status: 'failed', failedOn: '2026-03-09', failureReason: '企业拒绝调解' });
      expect(isMediationRunning(state)).toBe(false);
      given(mediation, [referred()]).when(fail('2026-03-11')).thenThrows('unprocessable', 'failedOn');
      given(mediation, [referred()]).when(fail('2026-03-01')).thenThrows('unprocessable', 'failedOn');
    });

    it('is withdrawn today unless told otherwise, with a reason when given', () => {
      given(mediation, [referred()])
        .when(withdraw())
        .then([{ type: 'MediationWithdrawn', data: { withdrawnOn: '2026-03-10' } }]);
      const state = given(mediation, [referred()])
        .when(withdraw({ withdrawnOn: '2026-03-08', reason: '劳动者撤回申请' }))
        .then([{ type: 'MediationWithdrawn', data: { withdrawnOn: '2026-03-08', reason: '劳动者撤回申请' } }]);
      expect(asMediation(state)).toMatchObject({ status: 'withdrawn', withdrawnOn: '2026-03-08', withdrawalReason: '劳动者撤回申请' });
      given(mediation, [referred()]).when(withdraw({ withdrawnOn: '2026-03-01' })).thenThrows('unprocessable', 'withdrawnOn');
      given(mediation, [referred()]).when(withdraw({ withdrawnOn: '2026-03-11' })).thenThrows('unprocessable', 'withdrawnOn');
    });
  });

  describe('deadlines the clocks send', () => {
    const mark = { clock: 'mediation_period', lastDay: '2026-03-31', deadlineAt: '2026-03-31T16:00:00.000Z' };
    const system = { now: new Date('2026-04-01T01:00:00Z'), actor: { id: 'system', role: 'system' } };

    it('notes a reminder and a reached deadline on a referred mediation, without changing its state', () => {
      const state = given(mediation, [referred()]).when({ type: 'RemindOfDeadline', deadline: mark, ...system }).then([{ type: 'ReminderDue', data: mark }]);
      expect(state).toEqual(fold(mediation, [referred()]));
      given(mediation, [referred(), failed('2026-03-20')])
        .when({ type: 'MarkDeadlineReached', deadline: mark, ...system })
        .then([{ type: 'DeadlineReached', data: mark }]);
    });

    it('refuses a mediation that was never referred, and a deadline that does not say which', () => {
      given(mediation).when({ type: 'MarkDeadlineReached', deadline: mark, ...system }).thenThrows('not_found');
      given(mediation, [referred()])
        .when({ type: 'MarkDeadlineReached', deadline: { ...mark, lastDay: '31 March' }, ...system })
        .thenThrows('validation_failed', 'deadline.lastDay');
    });
  });

  describe('events appended by others', () => {
    it('leaves the state alone for the clocks\' ReminderDue and DeadlineReached', () => {
      const foreign = [
        { type: 'ReminderDue', data: { clock: 'mediation', deadlineOn: '2026-04-01' } },
        { type: 'DeadlineReached', data: { clock: 'mediation', deadlineOn: '2026-04-01' } },
      ] as DomainEvent[] as MediationEvent[];
      const without = fold(mediation, [referred(), assigned(), session('2026-03-05')]);
      const withClockEvents = fold(mediation, [referred(), foreign[0], assigned(), foreign[1], session('2026-03-05')]);
      expect(withClockEvents).toEqual(without);
      expect(mediation.evolve(without, foreign[1])).toBe(without);
      // Still decides as before: the clock events change no rule.
      given(mediation, [referred(), foreign[1]]).when(agree('2026-03-09')).then([agreedOn('2026-03-09')]);
    });

    it('fails loudly on its own events in a stream that was never referred', () => {
      expect(() => fold(mediation, [session('2026-03-05')])).toThrow(/never referred/);
    });
  });
});
