import {
  assignMediatorSchema,
  changeWorkersInvolvedSchema,
  convertComplaintSchema,
  handleComplaintSchema,
  logStepSchema,
  openDisputeSchema,
  receiveComplaintSchema,
  recordRecoverySchema,
  reopenDisputeSchema,
  resolveDisputeSchema,
} from '@lc/disputes';
import * as C from '../commands';
import { DisputePlan } from '../plan';
import { Actions, idOf, MINUTE } from './play';

type DisputeAction = 'openDispute' | 'receiveComplaint' | 'convertComplaint' | 'handleComplaint' | 'assignDispute' | 'logStep' | 'changeWorkers' | 'recordRecovery' | 'resolveDispute' | 'reopenDispute';

const caseDetails = (d: DisputePlan) => ({
  category: d.category,
  workersInvolved: d.workersInvolved,
  amountClaimedFen: d.amountClaimedFen,
  claimants: d.claimants,
  employer: { name: d.employer.name, creditCode: d.employer.creditCode },
  summary: d.summary,
  channel: d.channel,
  openedOn: d.openedOn,
});

/** Dispute cases and the complaints (诉求) some of them come from. */
export const disputeActions: Actions<DisputeAction> = {
  async openDispute({ dispute: d }, { meta, execute }) {
    // The plan has the supervisor assign each case (to its opener or a colleague) the same day.
    const input = openDisputeSchema.parse({ ...caseDetails(d), subDistrict: d.subDistrict, assignToMe: false });
    d.id = (await execute<{ id: string }>(new C.OpenDisputeCommand(input, meta))).id;
  },
  async receiveComplaint({ complaint: c }, { meta, at, execute }) {
    const input = receiveComplaintSchema.parse({
      source: c.source,
      ...(c.workOrderNo ? { workOrderNo: c.workOrderNo } : {}),
      subDistrict: c.subDistrict,
      ...(c.employer ? { employer: c.employer } : {}),
      summary: c.summary,
      receivedAt: at.toISOString(),
    });
    c.id = (await execute<{ id: string }>(new C.ReceiveComplaintCommand(input, meta))).id;
  },
  async convertComplaint({ complaint, dispute: d }, { meta, execute }) {
    // As for an opening: the plan's supervisor assigns the case.
    const input = convertComplaintSchema.parse({ ...caseDetails(d), assignToMe: false });
    d.id = (await execute<{ id: string }>(new C.ConvertComplaintCommand(idOf(complaint, 'complaint'), input, meta))).id;
  },
  async handleComplaint({ complaint: c }, { meta, execute }) {
    const input = handleComplaintSchema.parse({ note: c.handled!.note, handledOn: c.handled!.handledOn });
    await execute(new C.HandleComplaintCommand(idOf(c, 'complaint'), input, meta));
  },
  async assignDispute({ dispute }, { meta, actors, execute }) {
    const input = assignMediatorSchema.parse({ mediatorId: actors.get(dispute.mediator)!.id });
    await execute(new C.AssignMediatorCommand(idOf(dispute, 'dispute'), input, meta));
  },
  async logStep({ dispute, step, at }, { meta, execute }) {
    // Logged a little after it happened, as mediators do.
    const input = logStepSchema.parse({ kind: step.kind, note: step.note, occurredAt: new Date(at - 10 * MINUTE).toISOString() });
    await execute(new C.LogStepCommand(idOf(dispute, 'dispute'), input, meta));
  },
  async changeWorkers({ dispute, workersInvolved, reason }, { meta, execute }) {
    const input = changeWorkersInvolvedSchema.parse({ workersInvolved, reason });
    await execute(new C.ChangeWorkersInvolvedCommand(idOf(dispute, 'dispute'), input, meta));
  },
  async recordRecovery({ dispute, amountFen, recoveredOn, note }, { meta, execute }) {
    const input = recordRecoverySchema.parse({ amountFen, recoveredOn, note });
    await execute(new C.RecordRecoveryCommand(idOf(dispute, 'dispute'), input, meta));
  },
  async resolveDispute({ dispute, outcome, resolvedOn, note }, { meta, execute }) {
    const input = resolveDisputeSchema.parse({ outcome, resolvedOn, note });
    await execute(new C.ResolveDisputeCommand(idOf(dispute, 'dispute'), input, meta));
  },
  async reopenDispute({ dispute, reason }, { meta, execute }) {
    const input = reopenDisputeSchema.parse({ reason });
    await execute(new C.ReopenDisputeCommand(idOf(dispute, 'dispute'), input, meta));
  },
};
