import {
  alertContributions,
  blankInformant,
  complaintContributions,
  disputeContributions,
  evolveAlert,
  evolveComplaint,
  evolveDispute,
  evolveInformant,
  evolveMediation,
  mediationContributions,
  StatEvent,
} from './facts';
import { Contribution, counterDelta, parseCounterKey } from './metrics';

const at = new Date('2022-07-01T02:00:00Z');
const ev = (type: string, data: Record<string, unknown>, streamId = 'dispute-1', recordedAt = at): StatEvent => ({ type, data, streamId, recordedAt });

function fold<F>(evolve: (f: F | undefined, e: StatEvent) => F | undefined, events: StatEvent[]): F | undefined {
  return events.reduce<F | undefined>((f, e) => evolve(f, e), undefined);
}

/** Contributions as "metric@day[detail]=value", sorted: easy to read in a failure. */
const show = (cs: Contribution[]) => cs.map((c) => `${c.metric}@${c.day}${c.detail ? `[${c.detail}]` : ''}=${c.value}`).sort();

const opened = ev('DisputeOpened', {
  disputeId: '1',
  subDistrict: 'pinghu',
  category: 'wage_arrears',
  channel: 'walk_in',
  employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
  workersInvolved: 12,
  openedOn: '2022-04-20',
});

describe('dispute facts', () => {
  it('count the opening, recoveries on their days, and the resolution with its outcome and days taken', () => {
    const fact = fold(evolveDispute, [
      opened,
      ev('RecoveryRecorded', { amountFen: 100_000, recoveredOn: '2022-05-03' }),
      ev('RecoveryRecorded', { amountFen: 50_000, recoveredOn: '2022-05-03' }),
      ev('RecoveryRecorded', { amountFen: 7, recoveredOn: '2022-06-01' }),
      ev('DisputeResolved', { outcome: 'agreement', resolvedOn: '2022-05-10' }),
    ]);
    expect(show(disputeContributions(fact))).toEqual([
      'dispute_days_to_resolve@2022-05-10=20',
      'dispute_opened@2022-04-20=1',
      'dispute_recovered_fen@2022-05-03=150000',
      'dispute_recovered_fen@2022-06-01=7',
      'dispute_resolved@2022-05-10[agreement]=1',
    ]);
  });

  it('move a reopened case off its first resolution day and count it once, on its last resolution', () => {
    const resolved = fold(evolveDispute, [opened, ev('DisputeResolved', { outcome: 'withdrawn', resolvedOn: '2022-05-31' })]);
    const reopened = evolveDispute(resolved, ev('DisputeReopened', { reopenedOn: '2022-06-02' }));
    const again = evolveDispute(reopened, ev('DisputeResolved', { outcome: 'agreement', resolvedOn: '2022-07-01' }));

    const onReopen = [...counterDelta(disputeContributions(resolved), disputeContributions(reopened))].map(([k, v]) => [parseCounterKey(k).metric, parseCounterKey(k).day, v]);
    expect(onReopen).toEqual(
      expect.arrayContaining([
        ['dispute_resolved', '2022-05-31', -1],
        ['dispute_days_to_resolve', '2022-05-31', -41],
      ]),
    );
    expect(show(disputeContributions(again)).filter((s) => s.startsWith('dispute_resolved'))).toEqual(['dispute_resolved@2022-07-01[agreement]=1']);
  });

  it('count a group dispute (30+ workers), opened and resolved, by the number of workers at resolution', () => {
    const later = fold(evolveDispute, [
      opened,
      ev('WorkersInvolvedChanged', { workersInvolved: 45, previousWorkersInvolved: 12 }),
      ev('GroupDisputeFlagged', { workersInvolved: 45 }),
      ev('DisputeResolved', { outcome: 'agreement', resolvedOn: '2022-05-10' }),
    ]);
    expect(show(disputeContributions(later))).toEqual(
      expect.arrayContaining(['dispute_group_opened@2022-04-20=1', 'dispute_resolved_group@2022-05-10=1']),
    );
    // Corrected down below 30 before its resolution: not a dispute of 30+ workers,
    // although the case keeps the flag that escalated it.
    const corrected = fold(evolveDispute, [
      opened,
      ev('WorkersInvolvedChanged', { workersInvolved: 45, previousWorkersInvolved: 12 }),
      ev('GroupDisputeFlagged', { workersInvolved: 45 }),
      ev('WorkersInvolvedChanged', { workersInvolved: 20, previousWorkersInvolved: 45, reason: '录入错误' }),
      ev('DisputeResolved', { outcome: 'agreement', resolvedOn: '2022-05-10' }),
    ]);
    expect(show(disputeContributions(corrected)).filter((c) => c.includes('group'))).toEqual([]);
    const thirty = evolveDispute(undefined, ev('DisputeOpened', { ...opened.data, workersInvolved: 30 }));
    expect(show(disputeContributions(thirty))).toContain('dispute_group_opened@2022-04-20=1');
  });

  it('ignore the events of a stream that was never opened', () => {
    expect(fold(evolveDispute, [ev('DisputeResolved', { outcome: 'agreement', resolvedOn: '2022-05-10' })])).toBeUndefined();
  });
});

describe('complaint facts', () => {
  it('date a complaint received at 00:30 in Shanghai on 1 June in June, and count its handling', () => {
    const fact = fold(evolveComplaint, [
      ev('ComplaintReceived', { source: 'hotline_12351', subDistrict: 'buji', receivedAt: '2022-05-31T16:30:00.000Z' }, 'complaint-1'),
      ev('ComplaintConverted', { disputeId: 'd', convertedOn: '2022-06-03' }, 'complaint-1'),
    ]);
    const cs = complaintContributions(fact);
    expect(show(cs)).toEqual(['complaint_handled@2022-06-03[converted]=1', 'complaint_received@2022-06-01=1']);
    expect(cs.every((c) => c.channel === 'hotline_12351' && c.subDistrict === 'buji')).toBe(true);
  });
});

describe('mediation facts', () => {
  it('count the referral, the end, and the agreed amount on the agreement day', () => {
    const fact = fold(evolveMediation, [
      ev('MediationReferred', { subDistrict: 'bantian', category: 'wage_arrears', referredOn: '2022-04-25', employer: { name: 'x', creditCode: 'y' } }, 'mediation-1'),
      ev('MediationAgreementReached', { amountFen: 880_000, agreedOn: '2022-05-20' }, 'mediation-1'),
      ev('MediationWithdrawn', { withdrawnOn: '2022-05-21' }, 'mediation-1'),
    ]);
    expect(show(mediationContributions(fact))).toEqual([
      'mediation_agreed_fen@2022-05-20=880000',
      'mediation_concluded@2022-05-20[agreement]=1',
      'mediation_referred@2022-04-25=1',
    ]);
  });
});

describe('alert facts', () => {
  const submitted = ev(
    'AlertSubmitted',
    {
      alertId: 'a1',
      informantId: 'inf-1',
      enterprise: { name: '某厂', creditCode: '91350200776049653A' },
      subDistrict: 'henggang',
      workersAffected: 80,
      submittedAt: '2022-05-31T15:50:00Z',
    },
    'alert-a1',
  );

  it('move an alert from "not graded" to its grade, and time its first acknowledgement', () => {
    const ungraded = evolveAlert(undefined, submitted);
    expect(show(alertContributions(ungraded))).toEqual(['alert_submitted@2022-05-31=1']);
    const graded = evolveAlert(ungraded, ev('AlertGraded', { grade: 'red', points: 26 }, 'alert-a1'));
    const acked = evolveAlert(graded, ev('AlertAcknowledged', { acknowledgedAt: '2022-05-31T16:20:30Z' }, 'alert-a1'));
    const again = evolveAlert(acked, ev('AlertAcknowledged', { acknowledgedAt: '2022-06-02T00:00:00Z' }, 'alert-a1'));
    expect(again?.ackSeconds).toBe(30 * 60 + 30);
    // Submitted 23:50 on 31 May, acknowledged 00:20 on 1 June, Shanghai time.
    expect(show(alertContributions(again))).toEqual(['alert_acknowledged@2022-06-01=1', 'alert_submitted@2022-05-31[red]=1']);
  });

  it('count escalation and conversion once, on their Shanghai days', () => {
    const fact = fold(evolveAlert, [
      submitted,
      ev('AlertEscalated', { escalatedAt: '2022-06-01T17:00:00Z', reason: 'not_acknowledged_in_time' }, 'alert-a1'),
      ev('AlertEscalated', { escalatedAt: '2022-06-05T01:00:00Z', reason: 'manual' }, 'alert-a1'),
      ev('AlertConverted', { disputeId: 'd', convertedAt: '2022-06-03T01:00:00Z' }, 'alert-a1'),
    ]);
    expect(show(alertContributions(fact))).toEqual(['alert_converted@2022-06-03=1', 'alert_escalated@2022-06-02=1', 'alert_submitted@2022-05-31=1']);
  });
});

describe('informant facts', () => {
  it('count an informant from the earlier of the recorded registration and the first alert', () => {
    let fact = blankInformant('inf-1');
    fact = evolveInformant(fact, ev('AlertSubmitted', { informantId: 'inf-1', submittedAt: '2022-03-01T02:00:00Z' }, 'alert-x'));
    fact = evolveInformant(fact, ev('InformantRegistered', { informantId: 'inf-1', subDistrict: 'pinghu', enterprises: [] }, 'informant-inf-1', new Date('2026-01-05T02:00:00Z')));
    fact = evolveInformant(fact, ev('AlertSubmitted', { informantId: 'inf-1', submittedAt: '2021-12-31T17:00:00Z' }, 'alert-y'));
    expect(fact).toEqual({
      informantId: 'inf-1',
      subDistrict: 'pinghu',
      registered: true,
      registeredOn: '2026-01-05',
      firstAlertOn: '2022-01-01',
      deactivatedOn: null,
    });
    fact = evolveInformant(fact, ev('InformantDeactivated', { reason: 'left' }, 'informant-inf-1', new Date('2026-02-01T02:00:00Z')));
    expect(fact.deactivatedOn).toBe('2026-02-01');
  });
});

describe('counter deltas', () => {
  it('leave out what did not change', () => {
    const a: Contribution = { day: '2022-05-01', subDistrict: 's', category: 'c', channel: 'h', detail: '', metric: 'dispute_opened', value: 1 };
    expect(counterDelta([a], [a]).size).toBe(0);
    expect([...counterDelta([], [a]).values()]).toEqual([1]);
  });
});
