import { CommandBus } from '@nestjs/cqrs';
import {
  convertAlertSchema,
  dismissAlertSchema,
  escalateAlertSchema,
  registerInformantSchema,
  RISK_WEIGHTS_STREAM_PREFIX,
  submitAlertSchema,
  verifyAlertSchema,
} from '@lc/alerts';
import { Actor, ManualClock } from '@lc/decider';
import {
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
import { ConcurrencyError, EventStore } from '@lc/event-store';
import { AuthenticatedActor } from '@lc/http';
import {
  extendMediationSchema,
  failMediationSchema,
  holdSessionSchema,
  reachAgreementSchema,
  recordJudicialConfirmationSchema,
  referMediationSchema,
  withdrawMediationSchema,
} from '@lc/mediations';
import * as C from './commands';
import data from './data/zh.json';
import { DemoPlan, TimedAction } from './plan';

/** Streams of the records a demo writes: a database holding any of them is not empty. */
export const RECORD_STREAM_PREFIXES = ['dispute-', 'complaint-', 'mediation-', 'alert-', 'informant-', 'case-numbers-'];

export class DatabaseNotEmptyError extends Error {
  constructor(streamId: string) {
    super(
      `The database already holds records (for one, ${streamId}): the demo fills an empty database only, ` +
        'so that its figures are exactly the totals of the year. Point DATABASE_URL at a new database ' +
        '(e.g. postgres://localhost:5432/labour_cases_demo; it is created if missing) and run it again.',
    );
    this.name = 'DatabaseNotEmptyError';
  }
}

/**
 * Refuses a database with any dispute, complaint, mediation, alert or informant in it, or with
 * risk weights of its own (the plan grades alerts by the defaults). Accounts do not count.
 */
export async function assertEmptyForDemo(store: EventStore): Promise<void> {
  const [found] = await store.readAll({ maxCount: 1, filter: { streamPrefixes: [...RECORD_STREAM_PREFIXES, RISK_WEIGHTS_STREAM_PREFIX] } });
  if (found) throw new DatabaseNotEmptyError(found.streamId);
}

export interface DemoDependencies {
  commands: CommandBus;
  store: EventStore;
  /** The clock the command handlers read: moved to each action's instant before it runs. */
  clock: ManualClock;
  /** Who creates the demo's accounts (the administrator). */
  createdBy: Actor;
  /** The password of every demo account. */
  password: string;
  log?: (message: string) => void;
}

export interface DemoRun {
  accounts: Array<{ username: string; role: string; subDistrict: string | null; displayName: string }>;
  commands: number;
  retries: number;
  elapsedMs: number;
}

const MINUTE = 60_000;
const MAX_ATTEMPTS = 5;

/**
 * Plays the plan through the command side: the accounts first, then every action in the year's
 * order, each sent on the CommandBus by the account the plan names (a mediator, a supervisor) with
 * the clock set to its instant, exactly as the API would send it. Idempotency keys derive from
 * the year, the seed and the action, so ids are the same on every run with the same seed.
 */
export async function runDemoPlan(plan: DemoPlan, deps: DemoDependencies): Promise<DemoRun> {
  const started = Date.now();
  const log = deps.log ?? (() => undefined);
  await assertEmptyForDemo(deps.store);
  const keyPrefix = `demo-${plan.year}-${plan.seed}`;
  let retries = 0;

  const execute = async <T>(command: object): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await deps.commands.execute(command as never);
      } catch (error) {
        // Another writer (a statutory clock firing in a running worker) appended to the stream
        // between our read and our append: read again and decide again, as a client would retry.
        if (error instanceof ConcurrencyError && attempt < MAX_ATTEMPTS) {
          retries++;
          continue;
        }
        throw error;
      }
    }
  };

  // The accounts, created by the administrator in the last days of the year before.
  deps.clock.set(new Date(`${plan.year - 1}-12-20T09:00:00+08:00`));
  const actors = new Map<string, AuthenticatedActor>();
  for (const member of plan.staff) {
    const { id } = await execute<{ id: string }>(
      new C.CreateAccountCommand(
        { username: member.username, password: deps.password, role: member.role, subDistrict: member.subDistrict ?? undefined, displayName: member.displayName },
        deps.createdBy,
        `${keyPrefix}-account-${member.username}`,
      ),
    );
    actors.set(member.key, { id, username: member.username, role: member.role, subDistrict: member.subDistrict });
    deps.clock.advance(3 * MINUTE);
  }
  log(`created ${plan.staff.length} accounts`);

  const total = plan.actions.length;
  let done = 0;
  for (const action of plan.actions) {
    deps.clock.set(new Date(action.at));
    const actor = actors.get(action.actor);
    if (!actor) throw new Error(`the plan names an unknown account ${action.actor}`);
    try {
      await perform(action, actor, `${keyPrefix}-${action.seq}`, actors, execute, deps.password);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`demo action #${action.seq} (${action.type} at ${new Date(action.at).toISOString()}) failed: ${message}`, { cause: error });
    }
    if (++done % 2000 === 0) log(`${done} of ${total} actions (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  return {
    accounts: plan.staff.map((s) => ({ username: s.username, role: s.role, subDistrict: s.subDistrict, displayName: s.displayName })),
    commands: plan.staff.length + total,
    retries,
    elapsedMs: Date.now() - started,
  };
}

type Execute = <T>(command: object) => Promise<T>;

function idOf(record: { id?: string }, what: string): string {
  if (!record.id) throw new Error(`${what} has no id yet: the plan runs an action before the record exists`);
  return record.id;
}

async function perform(
  action: TimedAction,
  actor: AuthenticatedActor,
  key: string,
  actors: Map<string, AuthenticatedActor>,
  execute: Execute,
  password: string,
): Promise<void> {
  const at = new Date(action.at);
  switch (action.type) {
    case 'openDispute': {
      const d = action.dispute;
      const input = openDisputeSchema.parse({
        channel: d.channel,
        subDistrict: d.subDistrict,
        employer: { name: d.employer.name, creditCode: d.employer.creditCode },
        category: d.category,
        workersInvolved: d.workersInvolved,
        amountClaimedFen: d.amountClaimedFen,
        summary: d.summary,
        openedOn: d.openedOn,
        claimants: d.claimants,
        // The plan has the supervisor assign each case (to its opener or a colleague) the same day.
        assignToMe: false,
      });
      d.id = (await execute<{ id: string }>(new C.OpenDisputeCommand(input, actor, key))).id;
      return;
    }
    case 'receiveComplaint': {
      const c = action.complaint;
      const input = receiveComplaintSchema.parse({
        source: c.source,
        ...(c.workOrderNo ? { workOrderNo: c.workOrderNo } : {}),
        subDistrict: c.subDistrict,
        ...(c.employer ? { employer: c.employer } : {}),
        summary: c.summary,
        receivedAt: at.toISOString(),
      });
      c.id = (await execute<{ id: string }>(new C.ReceiveComplaintCommand(input, actor, key))).id;
      return;
    }
    case 'convertComplaint': {
      const d = action.dispute;
      const input = convertComplaintSchema.parse({
        category: d.category,
        workersInvolved: d.workersInvolved,
        amountClaimedFen: d.amountClaimedFen,
        claimants: d.claimants,
        employer: { name: d.employer.name, creditCode: d.employer.creditCode },
        summary: d.summary,
        channel: d.channel,
        openedOn: d.openedOn,
      });
      d.id = (await execute<{ id: string }>(new C.ConvertComplaintCommand(idOf(action.complaint, 'complaint'), input, actor, undefined, key))).id;
      return;
    }
    case 'handleComplaint': {
      const c = action.complaint;
      const input = handleComplaintSchema.parse({ note: c.handled!.note, handledOn: c.handled!.handledOn });
      await execute(new C.HandleComplaintCommand(idOf(c, 'complaint'), input, actor, undefined, key));
      return;
    }
    case 'assignDispute': {
      const mediatorId = actors.get(action.dispute.mediator)!.id;
      await execute(new C.AssignMediatorCommand(idOf(action.dispute, 'dispute'), { mediatorId }, actor, undefined, key));
      return;
    }
    case 'logStep': {
      // Logged a little after it happened, as mediators do.
      const occurredAt = new Date(action.at - 10 * MINUTE).toISOString();
      const input = logStepSchema.parse({ kind: action.step.kind, note: action.step.note, occurredAt });
      await execute(new C.LogStepCommand(idOf(action.dispute, 'dispute'), input, actor, undefined, key));
      return;
    }
    case 'changeWorkers': {
      const input = changeWorkersInvolvedSchema.parse({ workersInvolved: action.workersInvolved, reason: action.reason });
      await execute(new C.ChangeWorkersInvolvedCommand(idOf(action.dispute, 'dispute'), input, actor, undefined, key));
      return;
    }
    case 'recordRecovery': {
      const input = recordRecoverySchema.parse({ amountFen: action.amountFen, recoveredOn: action.recoveredOn, note: action.note });
      await execute(new C.RecordRecoveryCommand(idOf(action.dispute, 'dispute'), input, actor, undefined, key));
      return;
    }
    case 'resolveDispute': {
      const input = resolveDisputeSchema.parse({ outcome: action.outcome, resolvedOn: action.resolvedOn, note: action.note });
      await execute(new C.ResolveDisputeCommand(idOf(action.dispute, 'dispute'), input, actor, undefined, key));
      return;
    }
    case 'reopenDispute': {
      const input = reopenDisputeSchema.parse({ reason: action.reason });
      await execute(new C.ReopenDisputeCommand(idOf(action.dispute, 'dispute'), input, actor, undefined, key));
      return;
    }
    case 'referMediation': {
      const m = action.mediation;
      const input = referMediationSchema.parse({
        court: data.court,
        courtCaseNo: m.courtCaseNo,
        referredOn: m.referredOn,
        subDistrict: m.subDistrict,
        category: m.category,
        employer: { name: m.employer.name, creditCode: m.employer.creditCode },
        workers: m.workers,
        claimAmountFen: m.claimAmountFen,
        assignToMe: false,
      });
      m.id = (await execute<{ id: string }>(new C.ReferMediationCommand(input, actor, key))).id;
      return;
    }
    case 'assignMediation': {
      const mediatorId = actors.get(action.mediation.mediator)!.id;
      await execute(new C.AssignMediationMediatorCommand(idOf(action.mediation, 'mediation'), { mediatorId }, actor, undefined, key));
      return;
    }
    case 'holdSession': {
      const input = holdSessionSchema.parse({ heldOn: action.heldOn, form: action.form, note: action.note });
      await execute(new C.HoldSessionCommand(idOf(action.mediation, 'mediation'), input, actor, undefined, key));
      return;
    }
    case 'extendMediation': {
      const input = extendMediationSchema.parse({ extraDays: action.extraDays, agreedOn: action.agreedOn, note: action.note });
      await execute(new C.ExtendMediationCommand(idOf(action.mediation, 'mediation'), input, actor, undefined, key));
      return;
    }
    case 'endMediation': {
      const m = action.mediation;
      const id = idOf(m, 'mediation');
      const ending = m.ending!;
      if (ending.type === 'agreement') {
        const input = reachAgreementSchema.parse({ amountFen: ending.amountFen, agreedOn: ending.on, paymentTerms: ending.paymentTerms });
        await execute(new C.ReachAgreementCommand(id, input, actor, undefined, key));
      } else if (ending.type === 'failure') {
        const input = failMediationSchema.parse({ reason: ending.reason, failedOn: ending.on });
        await execute(new C.FailMediationCommand(id, input, actor, undefined, key));
      } else {
        const input = withdrawMediationSchema.parse({ withdrawnOn: ending.on, reason: ending.reason });
        await execute(new C.WithdrawMediationCommand(id, input, actor, undefined, key));
      }
      return;
    }
    case 'registerInformant': {
      const i = action.informant;
      const input = registerInformantSchema.parse({ username: i.username, password, name: i.name, phone: i.phone, subDistrict: i.subDistrict, enterprises: i.enterprises });
      const { id } = await execute<{ id: string }>(new C.RegisterInformantCommand(input, actor, key));
      i.id = id;
      // From now on the informant reports from their phone, as themselves.
      actors.set(i.key, { id, username: i.username, role: 'informant', subDistrict: i.subDistrict });
      return;
    }
    case 'submitAlert': {
      const a = action.alert;
      const input = submitAlertSchema.parse({
        enterprise: { name: a.enterprise.name, creditCode: a.enterprise.creditCode },
        subDistrict: a.subDistrict,
        signals: a.signals,
        workersAffected: a.workersAffected,
        description: a.description,
        observedAt: new Date(action.observedAt).toISOString(),
        ...(a.location ? { location: { text: a.location } } : {}),
      });
      a.id = (await execute<{ id: string }>(new C.SubmitAlertCommand(input, actor, key))).id;
      return;
    }
    case 'triageAlert': {
      const id = idOf(action.alert, 'alert');
      const step =
        action.step === 'acknowledge'
          ? { type: 'AcknowledgeAlert' as const }
          : action.step === 'verify'
            ? { type: 'VerifyAlert' as const, ...verifyAlertSchema.parse({ note: action.text }) }
            : action.step === 'escalate'
              ? { type: 'EscalateAlert' as const, ...escalateAlertSchema.parse({ note: action.text }) }
              : { type: 'DismissAlert' as const, ...dismissAlertSchema.parse({ reason: action.text }) };
      await execute(new C.TriageAlertCommand(id, step, actor, undefined, key));
      return;
    }
    case 'convertAlert': {
      const d = action.dispute;
      const input = convertAlertSchema.parse({
        category: d.category,
        workersInvolved: d.workersInvolved,
        amountClaimedFen: d.amountClaimedFen,
        claimants: d.claimants,
        summary: d.summary,
        openedOn: d.openedOn,
      });
      d.id = (await execute<{ id: string }>(new C.ConvertAlertCommand(idOf(action.alert, 'alert'), input, actor, undefined, key))).id;
      return;
    }
    case 'judicialConfirmation': {
      const input = recordJudicialConfirmationSchema.parse({ status: action.status, on: action.on });
      await execute(new C.RecordJudicialConfirmationCommand(idOf(action.mediation, 'mediation'), input, actor, undefined, key));
      return;
    }
  }
}
