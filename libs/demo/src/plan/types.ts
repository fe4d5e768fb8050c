import { AlertGrade, AlertSignal, DisputeCategory, DisputeChannel, DisputeOutcome, DisputeStepKind, MediationSessionForm } from '@lc/reference-data';
import { Employer, Person } from '../people';
import { DemoTargets } from '../targets';

/*
 * The demo year as data: who does what, on which day, for how much. Everything here is decided
 * by the seeded generator before a single command runs, so the same seed gives the same year, and
 * the totals are exact by construction (amounts are drawn, then scaled to the targets to the fen).
 * The runner (run.ts) turns each planned action into the command a user would send.
 */

// ---- Staff ---------------------------------------------------------------------------------------

export interface StaffPlan {
  key: string;
  username: string;
  displayName: string;
  role: 'mediator' | 'supervisor';
  /** null: the district supervisor. */
  subDistrict: string | null;
}

// ---- Records -------------------------------------------------------------------------------------

export interface StepPlan {
  kind: DisputeStepKind;
  note: string;
}

export interface DisputePlan {
  n: number;
  subDistrict: string;
  channel: DisputeChannel;
  category: DisputeCategory;
  employer: Employer;
  workersInvolved: number;
  amountClaimedFen: number;
  summary: string;
  claimants: Person[];
  openedOn: string;
  opener: string;
  supervisor: string;
  mediator: string;
  /** Set while the demo runs. */
  id?: string;
  fromComplaint?: ComplaintPlan;
  fromAlert?: AlertPlan;
  resolution?: { outcome: DisputeOutcome; resolvedOn: string; note: string };
  /** Recovered in the year: the fen of every installment. */
  recoveredFen: number;
  group: boolean;
}

export interface ComplaintPlan {
  n: number;
  source: 'hotline_12351' | 'online_opinion' | 'other';
  workOrderNo?: string;
  subDistrict: string;
  employer?: { name: string; creditCode?: string };
  summary: string;
  handler: string;
  handled?: { handledOn: string; note: string };
  convertedInto?: DisputePlan;
  id?: string;
}

/** An early-warning informant (劳资纠纷预警信息员): an account of role informant and a registry entry. */
export interface InformantPlan {
  key: string;
  username: string;
  name: string;
  phone: string;
  subDistrict: string;
  /** Credit codes of the enterprises they cover. */
  enterprises: string[];
  /** The supervisor who registers them. */
  registrar: string;
  alerts: AlertPlan[];
  /** Their account's id, once registered. */
  id?: string;
}

export interface AlertPlan {
  n: number;
  informant: InformantPlan;
  enterprise: Employer;
  subDistrict: string;
  signals: AlertSignal[];
  workersAffected: number;
  description: string;
  location?: string;
  /** The grade the district's default weights give it, for planning its pick-up. */
  grade: AlertGrade;
  /** The mediator on duty who picks it up. */
  handler: string;
  convertedInto?: DisputePlan;
  id?: string;
}

export interface MediationPlan {
  n: number;
  courtCaseNo: string;
  referredOn: string;
  subDistrict: string;
  category: DisputeCategory;
  employer: Employer;
  workers: Person[];
  claimAmountFen: number;
  recorder: string;
  supervisor: string;
  mediator: string;
  ending?:
    | { type: 'agreement'; on: string; amountFen: number; paymentTerms: string }
    | { type: 'failure'; on: string; reason: string }
    | { type: 'withdrawal'; on: string; reason: string };
  id?: string;
}

/** One thing a user does, at an instant of the year. */
export type PlannedAction =
  | { type: 'openDispute'; dispute: DisputePlan }
  | { type: 'receiveComplaint'; complaint: ComplaintPlan }
  | { type: 'convertComplaint'; complaint: ComplaintPlan; dispute: DisputePlan }
  | { type: 'handleComplaint'; complaint: ComplaintPlan }
  | { type: 'assignDispute'; dispute: DisputePlan }
  | { type: 'logStep'; dispute: DisputePlan; step: StepPlan; index: number }
  | { type: 'changeWorkers'; dispute: DisputePlan; workersInvolved: number; reason: string }
  | { type: 'recordRecovery'; dispute: DisputePlan; amountFen: number; recoveredOn: string; note: string; index: number }
  | { type: 'resolveDispute'; dispute: DisputePlan; outcome: DisputeOutcome; resolvedOn: string; note: string; round: number }
  | { type: 'reopenDispute'; dispute: DisputePlan; reason: string }
  | { type: 'referMediation'; mediation: MediationPlan }
  | { type: 'assignMediation'; mediation: MediationPlan }
  | { type: 'holdSession'; mediation: MediationPlan; heldOn: string; form: MediationSessionForm; note: string; index: number }
  | { type: 'extendMediation'; mediation: MediationPlan; extraDays: number; agreedOn: string; note: string }
  | { type: 'endMediation'; mediation: MediationPlan }
  | { type: 'judicialConfirmation'; mediation: MediationPlan; status: 'applied' | 'granted' | 'refused'; on: string }
  | { type: 'registerInformant'; informant: InformantPlan }
  | { type: 'submitAlert'; alert: AlertPlan; observedAt: number }
  | { type: 'triageAlert'; alert: AlertPlan; step: 'acknowledge' | 'verify' | 'escalate' | 'dismiss'; text?: string }
  | { type: 'convertAlert'; alert: AlertPlan; dispute: DisputePlan };

export type TimedAction = PlannedAction & { at: number; seq: number; actor: string };

export interface DemoPlan {
  year: number;
  seed: number;
  /** The figures the year will produce (mediationAgreedFen with the seed's "多"). */
  targets: DemoTargets;
  staff: StaffPlan[];
  disputes: DisputePlan[];
  complaints: ComplaintPlan[];
  mediations: MediationPlan[];
  informants: InformantPlan[];
  alerts: AlertPlan[];
  /** In the order they run: by instant. */
  actions: TimedAction[];
}

export interface PlanOptions {
  year: number;
  seed: number;
  targets: DemoTargets;
}
