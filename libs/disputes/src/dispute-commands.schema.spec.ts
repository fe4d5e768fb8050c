import { assignMediatorSchema } from './assign-mediator/assign-mediator.schema';
import { changeWorkersInvolvedSchema } from './change-workers-involved/change-workers-involved.schema';
import { logStepSchema } from './log-step/log-step.schema';
import { reopenDisputeSchema } from './reopen-dispute/reopen-dispute.schema';
import { resolveDisputeSchema } from './resolve-dispute/resolve-dispute.schema';
import { recordRecoverySchema } from './record-recovery/record-recovery.schema';

import { z } from 'zod';
import { AssignMediator, ChangeWorkersInvolved, LogStep, RecordRecovery, ReopenDispute, ResolveDispute } from './dispute-case/dispute-case.decider';
import { ConvertComplaint, HandleComplaint, ReceiveComplaint } from './complaint/complaint.decider';
import { receiveComplaintSchema } from './receive-complaint/receive-complaint.schema';
import { handleComplaintSchema } from './handle-complaint/handle-complaint.schema';

type Schema = { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; code: string; keys?: string[] }> } } };
const fields = (schema: Schema, body: unknown) => {
  const result = schema.safeParse(body);
  return result.success
    ? []
    : result.error!.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys!.map((k) => [...i.path, k].join('.')) : [i.path.join('.')])).sort();
};

describe('request schemas of commands on a dispute case', () => {
  it('/assignments {mediatorId}', () => {
    expect(fields(assignMediatorSchema, { mediatorId: '0b9d3c1e-6a55-4c59-9a55-3f0f5c2f4f11' })).toEqual([]);
    expect(fields(assignMediatorSchema, { mediatorId: 'zhang' })).toEqual(['mediatorId']);
    expect(fields(assignMediatorSchema, { mediatorId: '0b9d3c1e-6a55-4c59-9a55-3f0f5c2f4f11', role: 'x' })).toEqual(['role']);
  });

  it('/steps {kind, note, occurredAt}', () => {
    const step = { kind: 'site_visit', note: '走访企业', occurredAt: '2026-03-03T14:30:00+08:00' };
    expect(fields(logStepSchema, step)).toEqual([]);
    for (const kind of ['contact', 'site_visit', 'negotiation_session', 'evidence_collected', 'note']) expect(fields(logStepSchema, { ...step, kind })).toEqual([]);
    expect(fields(logStepSchema, { ...step, kind: 'lunch', occurredAt: '2026-03-03 14:30' })).toEqual(['kind', 'occurredAt']);
    expect(fields(logStepSchema, { ...step, note: ' ' })).toEqual(['note']);
    expect(fields(logStepSchema, { ...step, occurredAt: '2026-03-03T14:30:00' })).toEqual(['occurredAt']);
  });

  it('/recoveries {amountFen, recoveredOn, note}', () => {
    expect(fields(recordRecoverySchema, { amountFen: 500_000, recoveredOn: '2026-03-09', note: '首期' })).toEqual([]);
    expect(recordRecoverySchema.parse({ amountFen: 1, recoveredOn: '2026-03-09' }).note).toBe('');
    expect(fields(recordRecoverySchema, { amountFen: 0, recoveredOn: '2026-03-09' })).toEqual(['amountFen']);
    expect(fields(recordRecoverySchema, { amountFen: 12.5, recoveredOn: '2026-03-09' })).toEqual(['amountFen']);
    expect(fields(recordRecoverySchema, { amountFen: -3, recoveredOn: '20260309' })).toEqual(['amountFen', 'recoveredOn']);
    expect(fields(recordRecoverySchema, { amountFen: 1e12 + 1, recoveredOn: '2026-03-09' })).toEqual(['amountFen']);
    expect(fields(recordRecoverySchema, { amountFen: 1, recoveredOn: '2026-03-09', currency: 'CNY' })).toEqual(['currency']);
  });

  it('/resolution {outcome, resolvedOn, note}', () => {
    expect(fields(resolveDisputeSchema, { outcome: 'agreement', resolvedOn: '2026-03-09', note: '达成协议' })).toEqual([]);
    expect(fields(resolveDisputeSchema, { outcome: 'referred_inspection', resolvedOn: '2026-03-09' })).toEqual([]);
    expect(fields(resolveDisputeSchema, { outcome: 'won', resolvedOn: '2026-02-30' })).toEqual(['outcome', 'resolvedOn']);
  });

  it('/reopen {reason}', () => {
    expect(fields(reopenDisputeSchema, { reason: '企业未按协议支付' })).toEqual([]);
    expect(fields(reopenDisputeSchema, {})).toEqual(['reason']);
    expect(fields(reopenDisputeSchema, { reason: 'x'.repeat(2001) })).toEqual(['reason']);
  });

  it('workers involved {workersInvolved, reason?}', () => {
    expect(fields(changeWorkersInvolvedSchema, { workersInvolved: 30 })).toEqual([]);
    expect(fields(changeWorkersInvolvedSchema, { workersInvolved: 0, reason: '' })).toEqual(['reason', 'workersInvolved']);
  });
});

// Compile-time only: each request, plus what the handler adds, is the decider's command.
type Context = { now: Date; actor: { id: string; role: string } };
export type RequestsFitCommands = [
  z.output<typeof assignMediatorSchema> & Context extends Omit<AssignMediator, 'type'> ? true : never,
  z.output<typeof changeWorkersInvolvedSchema> & Context extends Omit<ChangeWorkersInvolved, 'type'> ? true : never,
  z.output<typeof logStepSchema> & Context extends Omit<LogStep, 'type'> ? true : never,
  z.output<typeof recordRecoverySchema> & Context extends Omit<RecordRecovery, 'type'> ? true : never,
  z.output<typeof resolveDisputeSchema> & Context extends Omit<ResolveDispute, 'type'> ? true : never,
  z.output<typeof reopenDisputeSchema> & Context extends Omit<ReopenDispute, 'type'> ? true : never,
  z.output<typeof receiveComplaintSchema> & Context & { complaintId: string } extends Omit<ReceiveComplaint, 'type'> ? true : never,
  z.output<typeof handleComplaintSchema> & Context extends Omit<HandleComplaint, 'type'> ? true : never,
  { disputeId: string } & Context extends Omit<ConvertComplaint, 'type'> ? true : never,
];
const fit: RequestsFitCommands = [true, true, true, true, true, true, true, true, true];
it('fits the commands (checked by the compiler)', () => expect(fit).toHaveLength(9));
