import { Actor, given } from '@lc/decider';
import {
  DisputeCase,
  DisputeEvent,
  DisputeOpened,
  LogStep,
  OpenDispute,
  RecordRecovery,
  ReopenDispute,
  ResolveDispute,
  acceptsRecoveries,
  disputeCase,
  disputeStreamId,
  openingDate,
} from './dispute-case.decider';
import { caseNoFor, formatCaseNo, parseCaseNo } from './case-number';

// 2026-03-10 10:00 in Shanghai.
const now = new Date('2026-03-10T02:00:00Z');
const actor: Actor = { id: 'user-1', role: 'mediator' };
const ctx = { now, actor };
const at = (iso: string) => ({ now: new Date(iso), actor });

const openCommand = (overrides: Partial<OpenDispute> = {}): OpenDispute => ({
  type: 'OpenDispute',
  disputeId: '0b9d3c1e-6a55-4c59-9a55-3f0f5c2f4f11',
  caseNo: 'LG-PH-2026-0042',
  channel: 'walk_in',
  subDistrict: 'pinghu',
  employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
  category: 'wage_arrears',
  workersInvolved: 12,
  amountClaimedFen: 36_000_000,
  summary: '12名员工反映2月工资未发放',
  openedOn: '2026-03-02',
  claimants: [{ name: '张三', idNumber: '11010519491231002X', phone: '13812345678' }, { name: '李四' }],
  ...ctx,
  ...overrides,
});

const opened = (overrides: Partial<DisputeOpened['data']> = {}): DisputeOpened => ({
  type: 'DisputeOpened',
  data: {
    disputeId: '0b9d3c1e-6a55-4c59-9a55-3f0f5c2f4f11',
    caseNo: 'LG-PH-2026-0042',
    channel: 'walk_in',
    subDistrict: 'pinghu',
    employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
    category: 'wage_arrears',
    workersInvolved: 12,
    amountClaimedFen: 36_000_000,
    summary: '12名员工反映2月工资未发放',
    openedOn: '2026-03-02',
    claimants: [{ name: '张三', idNumber: '11010519491231002X', phone: '13812345678' }, { name: '李四' }],
    ...overrides,
  },
});

const resolvedOn = (date: string): DisputeEvent => ({ type: 'DisputeResolved', data: { outcome: 'agreement', resolvedOn: date, note: '' } });
const reopenedOn = (date: string): DisputeEvent => ({ type: 'DisputeReopened', data: { reason: '企业未按协议支付', reopenedOn: date } });
const asCase = (state: unknown) => state as DisputeCase;

describe('dispute case', () => {
  it('lives in the stream dispute-<uuid>', () => {
    expect(disputeStreamId('abc')).toBe('dispute-abc');
  });

  describe('opening', () => {
    it('records the dispute as given', () => {
      const state = asCase(given(disputeCase).when(openCommand()).then([opened()]));
      expect(state).toMatchObject({
        status: 'open',
        caseNo: 'LG-PH-2026-0042',
        openedOn: '2026-03-02',
        workersInvolved: 12,
        groupDispute: false,
        mediatorId: null,
        amountRecoveredFen: 0,
        resolvedOn: null,
      });
    });

    it('carries the infringement date and the work item it came from', () => {
      given(disputeCase)
        .when(openCommand({ infringementKnownOn: '2026-02-15', source: { kind: 'complaint', id: 'c-1' } }))
        .then([opened({ infringementKnownOn: '2026-02-15', source: { kind: 'complaint', id: 'c-1' } })]);
    });

    it('is opened today (Shanghai) when openedOn is not given', () => {
      given(disputeCase).when(openCommand({ openedOn: undefined })).then([opened({ openedOn: '2026-03-10' })]);
      // 01:00 on 10 March in Shanghai, still 9 March in UTC.
      given(disputeCase)
        .when(openCommand({ openedOn: undefined, ...at('2026-03-09T17:00:00Z') }))
        .then([opened({ openedOn: '2026-03-10' })]);
      expect(openingDate(undefined, new Date('2026-03-09T17:00:00Z'))).toBe('2026-03-10');
      expect(openingDate('2026-01-05', now)).toBe('2026-01-05');
    });

    it('accepts openedOn today but not tomorrow, by the Shanghai calendar', () => {
      given(disputeCase).when(openCommand({ openedOn: '2026-03-10' })).then([opened({ openedOn: '2026-03-10' })]);
      given(disputeCase).when(openCommand({ openedOn: '2026-03-11' })).thenThrows('unprocessable', 'openedOn');
      given(disputeCase)
        .when(openCommand({ openedOn: '2026-03-10', ...at('2026-03-09T17:00:00Z') }))
        .then([opened({ openedOn: '2026-03-10' })]);
      given(disputeCase)
        .when(openCommand({ openedOn: '2026-03-10', ...at('2026-03-09T15:59:59Z') }))
        .thenThrows('unprocessable', 'openedOn');
    });

    it('refuses an infringement date in the future', () => {
      given(disputeCase).when(openCommand({ infringementKnownOn: '2026-03-11' })).thenThrows('unprocessable', 'infringementKnownOn');
    });

    it('flags a group dispute with the opening when 30 or more workers are involved', () => {
      given(disputeCase)
        .when(openCommand({ workersInvolved: 30 }))
        .then([opened({ workersInvolved: 30 }), { type: 'GroupDisputeFlagged', data: { workersInvolved: 30 } }]);
      const state = given(disputeCase).when(openCommand({ workersInvolved: 120 })).then([
        opened({ workersInvolved: 120 }),
        { type: 'GroupDisputeFlagged', data: { workersInvolved: 120 } },
      ]);
      expect(asCase(state).groupDispute).toBe(true);
      given(disputeCase).when(openCommand({ workersInvolved: 29 })).then([opened({ workersInvolved: 29 })]);
    });

    it('refuses to open a case twice', () => {
      given(disputeCase, [opened()]).when(openCommand()).thenThrows('conflict');
    });

    // The fields themselves (codes, counts, dates, credit codes...) are the opening schema's: dispute-commands.schema.spec.ts.
    it('takes a case from a complaint or an alert, nothing else (checked by the compiler)', () => {
      // @ts-expect-error a source is a complaint or an alert
      const letter: OpenDispute['source'] = { kind: 'letter', id: 'x' };
      expect(letter).toBeDefined();
    });

    it('accepts a claim of 0 fen (a contract dispute need not be about a sum)', () => {
      given(disputeCase)
        .when(openCommand({ amountClaimedFen: 0, category: 'labour_contract' }))
        .then([opened({ amountClaimedFen: 0, category: 'labour_contract' })]);
    });
  });

  describe('workers involved', () => {
    const change = (workersInvolved: number, reason?: string) => ({ type: 'ChangeWorkersInvolved' as const, workersInvolved, reason, ...ctx });

    it('flags a group dispute when the count rises to 30', () => {
      given(disputeCase, [opened()])
        .when(change(30, '更多员工加入'))
        .then([
          { type: 'WorkersInvolvedChanged', data: { workersInvolved: 30, previousWorkersInvolved: 12, reason: '更多员工加入' } },
          { type: 'GroupDisputeFlagged', data: { workersInvolved: 30 } },
        ]);
    });

    it('flags a case only once, whether flagged at opening or on a later rise', () => {
      const flagged: DisputeEvent = { type: 'GroupDisputeFlagged', data: { workersInvolved: 31 } };
      given(disputeCase, [opened({ workersInvolved: 31 }), flagged])
        .when(change(45))
        .then([{ type: 'WorkersInvolvedChanged', data: { workersInvolved: 45, previousWorkersInvolved: 31 } }]);
      const history: DisputeEvent[] = [
        opened(),
        { type: 'WorkersInvolvedChanged', data: { workersInvolved: 35, previousWorkersInvolved: 12 } },
        { type: 'GroupDisputeFlagged', data: { workersInvolved: 35 } },
        { type: 'WorkersInvolvedChanged', data: { workersInvolved: 20, previousWorkersInvolved: 35 } },
      ];
      const state = given(disputeCase, history)
        .when(change(32))
        .then([{ type: 'WorkersInvolvedChanged', data: { workersInvolved: 32, previousWorkersInvolved: 20 } }]);
      expect(asCase(state)).toMatchObject({ workersInvolved: 32, groupDispute: true });
    });

    it('does not flag a count below 30, and appends nothing for an unchanged count', () => {
      given(disputeCase, [opened()])
        .when(change(29))
        .then([{ type: 'WorkersInvolvedChanged', data: { workersInvolved: 29, previousWorkersInvolved: 12 } }]);
      given(disputeCase, [opened()]).when(change(12)).then([]);
    });

    it('refuses an unopened case and a resolved one', () => {
      given(disputeCase).when(change(40)).thenThrows('not_found');
      given(disputeCase, [opened(), resolvedOn('2026-03-05')]).when(change(40)).thenThrows('unprocessable');
    });
  });

  describe('mediator', () => {
    const bySupervisor = { now, actor: { id: 'sup-1', role: 'supervisor' } as Actor };
    const assign = (mediatorId: string, context = bySupervisor) => ({ type: 'AssignMediator' as const, mediatorId, ...context });
    const byMediator = (id: string) => ({ now, actor: { id, role: 'mediator' } as Actor });

    it('lets a mediator take an unassigned case for themselves, not for a colleague, nor from one', () => {
      given(disputeCase, [opened()]).when(assign('m-1', byMediator('m-1'))).then([{ type: 'MediatorAssigned', data: { mediatorId: 'm-1' } }]);
      given(disputeCase, [opened()]).when(assign('m-2', byMediator('m-1'))).thenThrows('forbidden', 'mediatorId');
      const withM1: DisputeEvent[] = [opened(), { type: 'MediatorAssigned', data: { mediatorId: 'm-1' } }];
      given(disputeCase, withM1).when(assign('m-2', byMediator('m-2'))).thenThrows('conflict', 'mediatorId');
      // Taking it again is a retry: nothing new.
      given(disputeCase, withM1).when(assign('m-1', byMediator('m-1'))).then([]);
    });

    it('refuses a mediator naming a colleague first, whatever the case: assigned to that colleague already, or resolved', () => {
      const withM2: DisputeEvent[] = [opened(), { type: 'MediatorAssigned', data: { mediatorId: 'm-2' } }];
      given(disputeCase, withM2).when(assign('m-2', byMediator('m-1'))).thenThrows('forbidden', 'mediatorId');
      given(disputeCase, [...withM2, resolvedOn('2026-03-09')]).when(assign('m-2', byMediator('m-1'))).thenThrows('forbidden', 'mediatorId');
      // A supervisor naming the one assigned is still a retry: nothing new.
      given(disputeCase, withM2).when(assign('m-2')).then([]);
    });

    it('opens a case with the mediator who opens it, and only them', () => {
      const command = { ...openCommand(), mediatorId: actor.id };
      const state = given(disputeCase).when(command).then([opened({ mediatorId: actor.id })]);
      expect(asCase(state).mediatorId).toBe(actor.id);
      given(disputeCase).when({ ...openCommand(), mediatorId: 'someone-else' }).thenThrows('validation_failed', 'mediatorId');
      given(disputeCase).when({ ...openCommand(), ...bySupervisor, mediatorId: 'sup-1' }).thenThrows('validation_failed', 'mediatorId');
    });

    it('assigns and reassigns; assigning the same mediator again changes nothing', () => {
      const state = given(disputeCase, [opened()]).when(assign('m-1')).then([{ type: 'MediatorAssigned', data: { mediatorId: 'm-1' } }]);
      expect(asCase(state).mediatorId).toBe('m-1');
      const withM1: DisputeEvent[] = [opened(), { type: 'MediatorAssigned', data: { mediatorId: 'm-1' } }];
      given(disputeCase, withM1).when(assign('m-1')).then([]);
      given(disputeCase, withM1).when(assign('m-2')).then([{ type: 'MediatorAssigned', data: { mediatorId: 'm-2' } }]);
    });

    it('refuses an unopened case and a resolved one', () => {
      given(disputeCase).when(assign('m-1')).thenThrows('not_found');
      given(disputeCase, [opened(), resolvedOn('2026-03-05')]).when(assign('m-1')).thenThrows('unprocessable');
    });
  });

  describe('steps', () => {
    const step = (occurredAt: string, kind = 'site_visit', note = '走访企业，约谈负责人'): LogStep =>
      ({ type: 'LogStep', kind, note, occurredAt, ...ctx }) as LogStep;

    it('logs a step while open, storing the instant in UTC', () => {
      given(disputeCase, [opened()])
        .when(step('2026-03-03T14:30:00+08:00'))
        .then([{ type: 'StepLogged', data: { kind: 'site_visit', note: '走访企业，约谈负责人', occurredAt: '2026-03-03T06:30:00.000Z' } }]);
    });

    it('keeps the earliest negotiation session date for the 15-day mediation clock', () => {
      const negotiation = (occurredAt: string): DisputeEvent => ({ type: 'StepLogged', data: { kind: 'negotiation_session', note: '协商', occurredAt } });
      const state = given(disputeCase, [
        opened(),
        negotiation('2026-03-06T02:00:00.000Z'),
        { type: 'StepLogged', data: { kind: 'contact', note: '电话', occurredAt: '2026-03-03T02:00:00.000Z' } },
      ])
        // Logged late, but it happened first: 2026-03-04 00:30 in Shanghai.
        .when(step('2026-03-03T16:30:00Z', 'negotiation_session', '首次协商'))
        .then([{ type: 'StepLogged', data: { kind: 'negotiation_session', note: '首次协商', occurredAt: '2026-03-03T16:30:00.000Z' } }]);
      expect(asCase(state)).toMatchObject({ firstNegotiationOn: '2026-03-04', stepsLogged: 3 });
    });

    it('refuses a step before the day the case was opened (Shanghai calendar)', () => {
      given(disputeCase, [opened()]).when(step('2026-03-01T15:59:00Z')).thenThrows('unprocessable', 'occurredAt');
      given(disputeCase, [opened()])
        .when(step('2026-03-01T16:00:00Z'))
        .then([{ type: 'StepLogged', data: { kind: 'site_visit', note: '走访企业，约谈负责人', occurredAt: '2026-03-01T16:00:00.000Z' } }]);
    });

    it('refuses a step in the future, allowing a phone clock a few minutes fast', () => {
      given(disputeCase, [opened()]).when(step('2026-03-10T02:10:00Z')).thenThrows('unprocessable', 'occurredAt');
      given(disputeCase, [opened()])
        .when(step('2026-03-10T10:04:00+08:00'))
        .then([{ type: 'StepLogged', data: { kind: 'site_visit', note: '走访企业，约谈负责人', occurredAt: '2026-03-10T02:04:00.000Z' } }]);
    });

    it('refuses an unopened case and a resolved one', () => {
      given(disputeCase).when(step('2026-03-03T10:00:00Z')).thenThrows('not_found');
      given(disputeCase, [opened(), resolvedOn('2026-03-05')]).when(step('2026-03-04T10:00:00Z')).thenThrows('unprocessable');
    });
  });

  describe('recoveries', () => {
    const recover = (amountFen: number, recoveredOn: string, when = ctx): RecordRecovery => ({
      type: 'RecordRecovery',
      amountFen,
      recoveredOn,
      note: '企业支付拖欠工资',
      ...when,
    });
    const recorded = (amountFen: number, recoveredOn: string): DisputeEvent => ({
      type: 'RecoveryRecorded',
      data: { amountFen, recoveredOn, note: '企业支付拖欠工资' },
    });

    it('records money won for workers and keeps the total', () => {
      const state = given(disputeCase, [opened(), recorded(10_000_000, '2026-03-05')])
        .when(recover(26_000_000, '2026-03-09'))
        .then([recorded(26_000_000, '2026-03-09')]);
      expect(asCase(state)).toMatchObject({ amountRecoveredFen: 36_000_000, recoveriesRecorded: 2 });
    });

    it('refuses a case that was never opened', () => {
      given(disputeCase).when(recover(100, '2026-03-05')).thenThrows('not_found');
    });

    it('refuses a date in the future, or before the case was opened', () => {
      given(disputeCase, [opened()]).when(recover(100, '2026-03-11')).thenThrows('unprocessable', 'recoveredOn');
      given(disputeCase, [opened()]).when(recover(100, '2026-03-01')).thenThrows('unprocessable', 'recoveredOn');
      given(disputeCase, [opened()]).when(recover(100, '2026-03-10')).then([recorded(100, '2026-03-10')]);
    });

    it('accepts recoveries for 30 days after the resolution, since payment often follows the agreement', () => {
      const history = [opened(), resolvedOn('2026-03-05')];
      given(disputeCase, history)
        .when(recover(500_000, '2026-04-04', at('2026-04-04T02:00:00Z')))
        .then([recorded(500_000, '2026-04-04')]);
      // Day 30 in Shanghai, although still day 29 in UTC.
      given(disputeCase, history)
        .when(recover(500_000, '2026-04-04', at('2026-04-03T16:30:00Z')))
        .then([recorded(500_000, '2026-04-04')]);
      expect(acceptsRecoveries(given(disputeCase, history).state, new Date('2026-04-04T15:59:59Z'))).toBe(true);
    });

    it('refuses a recovery once the case has been resolved for more than 30 days', () => {
      const history = [opened(), resolvedOn('2026-03-05')];
      given(disputeCase, history).when(recover(500_000, '2026-04-04', at('2026-04-05T02:00:00Z'))).thenThrows('unprocessable');
      given(disputeCase, history).when(recover(500_000, '2026-04-04', at('2026-04-04T16:00:00Z'))).thenThrows('unprocessable');
      expect(acceptsRecoveries(given(disputeCase, history).state, new Date('2026-04-04T16:00:00Z'))).toBe(false);
    });

    it('accepts recoveries again after a reopen', () => {
      given(disputeCase, [opened(), resolvedOn('2026-03-05'), reopenedOn('2026-05-01')])
        .when(recover(500_000, '2026-05-20', at('2026-05-20T02:00:00Z')))
        .then([recorded(500_000, '2026-05-20')]);
    });
  });

  describe('resolution', () => {
    const resolve = (resolvedOn: string, outcome = 'agreement', when = ctx): ResolveDispute =>
      ({ type: 'ResolveDispute', outcome, resolvedOn, note: '双方达成调解协议', ...when }) as ResolveDispute;

    it('resolves an open case', () => {
      const state = given(disputeCase, [opened()])
        .when(resolve('2026-03-09'))
        .then([{ type: 'DisputeResolved', data: { outcome: 'agreement', resolvedOn: '2026-03-09', note: '双方达成调解协议' } }]);
      expect(asCase(state)).toMatchObject({ status: 'resolved', outcome: 'agreement', resolvedOn: '2026-03-09' });
    });

    it('accepts every outcome of domain.md', () => {
      for (const outcome of ['agreement', 'withdrawn', 'referred_arbitration', 'referred_court', 'referred_inspection']) {
        given(disputeCase, [opened()])
          .when(resolve('2026-03-02', outcome))
          .then([{ type: 'DisputeResolved', data: { outcome, resolvedOn: '2026-03-02', note: '双方达成调解协议' } }] as DisputeEvent[]);
      }
    });

    it('refuses a second resolution without a reopen', () => {
      given(disputeCase, [opened(), resolvedOn('2026-03-05')]).when(resolve('2026-03-09')).thenThrows('unprocessable');
    });

    it('refuses a date in the future or before the case was opened', () => {
      given(disputeCase, [opened()]).when(resolve('2026-03-11')).thenThrows('unprocessable', 'resolvedOn');
      given(disputeCase, [opened()]).when(resolve('2026-03-01')).thenThrows('unprocessable', 'resolvedOn');
      given(disputeCase, [opened()]).when(resolve('2026-03-10', 'agreement', at('2026-03-09T17:00:00Z'))).then([
        { type: 'DisputeResolved', data: { outcome: 'agreement', resolvedOn: '2026-03-10', note: '双方达成调解协议' } },
      ]);
    });

    it('refuses a case that was never opened', () => {
      given(disputeCase).when(resolve('2026-03-09')).thenThrows('not_found');
    });
  });

  describe('reopen and re-resolve', () => {
    const reopen = (reason = '企业未按协议支付', when = ctx): ReopenDispute => ({ type: 'ReopenDispute', reason, ...when });
    const resolve = (resolvedOn: string, when = ctx): ResolveDispute => ({
      type: 'ResolveDispute',
      outcome: 'referred_arbitration',
      resolvedOn,
      note: '转仲裁',
      ...when,
    });

    it('reopens a resolved case today (Shanghai)', () => {
      const state = given(disputeCase, [opened(), resolvedOn('2026-03-05')])
        .when(reopen('企业未按协议支付', at('2026-03-09T17:00:00Z')))
        .then([{ type: 'DisputeReopened', data: { reason: '企业未按协议支付', reopenedOn: '2026-03-10' } }]);
      expect(asCase(state)).toMatchObject({ status: 'open', outcome: null, resolvedOn: null, timesReopened: 1, lastReopenedOn: '2026-03-10' });
    });

    it('may be back-dated: not in the future, not before the resolution it undoes', () => {
      // now is 2026-03-10 in Shanghai.
      given(disputeCase, [opened(), resolvedOn('2026-03-05')])
        .when({ ...reopen(), reopenedOn: '2026-03-07' })
        .then([{ type: 'DisputeReopened', data: { reason: '企业未按协议支付', reopenedOn: '2026-03-07' } }]);
      given(disputeCase, [opened(), resolvedOn('2026-03-05')]).when({ ...reopen(), reopenedOn: '2026-03-05' }).then([reopenedOn('2026-03-05')]);
      given(disputeCase, [opened(), resolvedOn('2026-03-05')]).when({ ...reopen(), reopenedOn: '2026-03-04' }).thenThrows('unprocessable', 'reopenedOn');
      given(disputeCase, [opened(), resolvedOn('2026-03-05')]).when({ ...reopen(), reopenedOn: '2026-03-11' }).thenThrows('unprocessable', 'reopenedOn');
    });

    it('reopens only a resolved case', () => {
      given(disputeCase, [opened()]).when(reopen()).thenThrows('unprocessable');
      given(disputeCase, [opened(), resolvedOn('2026-03-05'), reopenedOn('2026-03-08')]).when(reopen()).thenThrows('unprocessable');
      given(disputeCase).when(reopen()).thenThrows('not_found');
    });

    it('re-resolves after a reopen, not before the reopen', () => {
      const history = [opened(), resolvedOn('2026-03-05'), reopenedOn('2026-03-08')];
      const state = given(disputeCase, history)
        .when(resolve('2026-03-09'))
        .then([{ type: 'DisputeResolved', data: { outcome: 'referred_arbitration', resolvedOn: '2026-03-09', note: '转仲裁' } }]);
      expect(asCase(state)).toMatchObject({ status: 'resolved', outcome: 'referred_arbitration', resolvedOn: '2026-03-09', timesReopened: 1 });
      given(disputeCase, history).when(resolve('2026-03-07')).thenThrows('unprocessable', 'resolvedOn');
    });

    it('allows steps again once reopened', () => {
      given(disputeCase, [opened(), resolvedOn('2026-03-05'), reopenedOn('2026-03-08')])
        .when({ type: 'LogStep', kind: 'contact', note: '电话催告企业', occurredAt: '2026-03-09T01:00:00Z', ...ctx })
        .then([{ type: 'StepLogged', data: { kind: 'contact', note: '电话催告企业', occurredAt: '2026-03-09T01:00:00.000Z' } }]);
    });
  });

  it('refuses to fold a stream that does not start with DisputeOpened', () => {
    expect(() => given(disputeCase, [resolvedOn('2026-03-05')])).toThrow(/never opened/);
  });
});

describe('deadlines the clocks send', () => {
  const mark = { clock: 'dispute_mediation', lastDay: '2026-03-18', deadlineAt: '2026-03-18T16:00:00.000Z' };
  const system = { now: new Date('2026-03-19T02:00:00Z'), actor: { id: 'system', role: 'system' } };

  it('notes a reminder and a reached deadline on an opened case, without changing its state', () => {
    const state = given(disputeCase, [opened()]).when({ type: 'RemindOfDeadline', deadline: mark, ...system }).then([{ type: 'ReminderDue', data: mark }]);
    expect(state).toEqual(given(disputeCase, [opened()]).when({ type: 'MarkDeadlineReached', deadline: mark, ...system }).then([{ type: 'DeadlineReached', data: mark }]));
    // Still decides as before: the clock events change no rule.
    given(disputeCase, [opened(), { type: 'DeadlineReached', data: mark }])
      .when({ type: 'ResolveDispute', outcome: 'agreement', resolvedOn: '2026-03-10', note: '', ...ctx })
      .then([resolvedOn('2026-03-10')]);
  });

  it('refuses a case that was never opened, and a deadline that does not say which', () => {
    given(disputeCase).when({ type: 'MarkDeadlineReached', deadline: mark, ...system }).thenThrows('not_found');
    given(disputeCase, [opened()]).when({ type: 'RemindOfDeadline', deadline: { ...mark, clock: '' }, ...system }).thenThrows('validation_failed', 'deadline.clock');
  });
});

describe('case numbers', () => {
  it('formats LG-PH-2026-0042', () => {
    expect(formatCaseNo('LG', 'PH', 2026, 42)).toBe('LG-PH-2026-0042');
    expect(formatCaseNo('LG', 'PH', 2026, 12345)).toBe('LG-PH-2026-12345');
    expect(caseNoFor('pinghu', 2026, 42)).toBe('LG-PH-2026-0042');
    expect(caseNoFor('pingdi', 2022, 1)).toBe('LG-PD-2022-0001');
  });

  it('refuses parts that would not read back', () => {
    expect(() => formatCaseNo('LG', 'PH', 2026, 0)).toThrow(RangeError);
    expect(() => formatCaseNo('LG', 'PH', 26, 1)).toThrow(RangeError);
    expect(() => formatCaseNo('lg', 'PH', 2026, 1)).toThrow(RangeError);
    expect(() => formatCaseNo('LG', 'P', 2026, 1)).toThrow(RangeError);
    expect(() => caseNoFor('futian', 2026, 1)).toThrow(RangeError);
  });

  it('parses a case number back', () => {
    expect(parseCaseNo('LG-PH-2026-0042')).toEqual({ districtPrefix: 'LG', subDistrictAbbrev: 'PH', year: 2026, n: 42 });
    expect(parseCaseNo('LG-PH-2026-42')).toBeUndefined();
  });
});
