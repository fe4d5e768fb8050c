import {
  FailMediation,
  MediationCommand,
  MediationEvent,
  MediationState,
  ReachAgreement,
  WithdrawMediation,
  assignMediationMediatorSchema,
  failMediationSchema,
  mediation,
  mediationStreamId,
  reachAgreementSchema,
  recordJudicialConfirmationSchema,
  referMediationSchema,
  withdrawMediationSchema,
  courtCaseNoStream,
} from '@lc/mediations';
import { Actor, CommandContext } from '@lc/decider';
import { EARLIEST_DATE } from '@lc/reference-data';
import { ColumnSpec, defaults } from './columns';
import { FieldColumns, ImportKind } from './kind';
import { withoutUndefined } from './without-undefined';

const columns: ColumnSpec[] = [
  { key: 'court', type: 'text', required: true },
  { key: 'courtCaseNo', type: 'text', required: true },
  { key: 'referredOn', type: 'date', required: true },
  { key: 'subDistrict', type: 'subDistrict', required: true },
  { key: 'category', type: 'code', vocabulary: 'disputeCategories', required: true },
  { key: 'employerName', type: 'text', required: true },
  { key: 'employerCreditCode', type: 'text', required: true },
  { key: 'workerNames', type: 'list', required: true },
  { key: 'claimAmountYuan', type: 'yuan', required: false },
  { key: 'mediator', type: 'text', required: false },
  { key: 'result', type: 'choice', choices: 'mediationResult', required: false },
  { key: 'endedOn', type: 'date', required: false },
  { key: 'agreedAmountYuan', type: 'yuan', required: false },
  { key: 'paymentTerms', type: 'text', required: false },
  { key: 'reason', type: 'text', required: false },
  { key: 'judicialConfirmation', type: 'choice', choices: 'judicialConfirmation', required: false },
  { key: 'judicialConfirmationAppliedOn', type: 'date', required: false },
  { key: 'judicialConfirmationDecidedOn', type: 'date', required: false },
];

const REFER_FIELDS: FieldColumns = {
  mediationId: null,
  court: 'court',
  courtCaseNo: 'courtCaseNo',
  referredOn: 'referredOn',
  subDistrict: 'subDistrict',
  category: 'category',
  employer: 'employerName',
  'employer.name': 'employerName',
  'employer.creditCode': 'employerCreditCode',
  workers: 'workerNames',
  claimAmountFen: 'claimAmountYuan',
};
const AGREEMENT_FIELDS: FieldColumns = { amountFen: 'agreedAmountYuan', agreedOn: 'endedOn', paymentTerms: 'paymentTerms' };
const FAILURE_FIELDS: FieldColumns = { reason: 'reason', failedOn: 'endedOn' };
const WITHDRAWAL_FIELDS: FieldColumns = { reason: 'reason', withdrawnOn: 'endedOn' };

type Ending = Omit<ReachAgreement, keyof CommandContext> | Omit<FailMediation, keyof CommandContext> | Omit<WithdrawMediation, keyof CommandContext>;
/**
 * Valid values for the referral's fields, in place of bad ones while the rest of the row is checked
 * (see RowIssues.parse). For the referral day, the earliest day there is: the later commands' rules
 * only refuse a date before it, so none is blamed for it.
 */
const REFER_STAND_INS = {
  court: '人民法院',
  courtCaseNo: '（2000）案号',
  referredOn: EARLIEST_DATE,
  subDistrict: 'pinghu',
  category: 'other',
  employer: { name: '用人单位', creditCode: '91440300708461136T' },
  workers: [{ name: '职工' }],
  claimAmountFen: 0,
};

type Confirmation = { status: 'applied' | 'granted' | 'refused'; on: string };

/** A row: the court's referral, the mediator, the agreement (or failure, or withdrawal), and the judicial confirmation. */
export const mediationsKind: ImportKind<MediationCommand, MediationEvent, MediationState> = {
  name: 'mediations',
  columns,
  decider: mediation,
  streamOf: mediationStreamId,

  uniqueNumber: (v) => {
    if (typeof v.courtCaseNo !== 'string' || !v.courtCaseNo.trim()) return undefined;
    const courtCaseNo = v.courtCaseNo.trim();
    return {
      key: 'courtCaseNo',
      value: courtCaseNo,
      streamId: courtCaseNoStream(courtCaseNo),
      claimType: 'CourtCaseNoClaimed',
      data: { courtCaseNo },
      owner: 'mediation',
      taken: 'was referred already',
    };
  },

  async plan(v, ctx, issues) {
    const refer = issues.parse(
      referMediationSchema,
      {
        court: v.court,
        courtCaseNo: v.courtCaseNo,
        referredOn: v.referredOn,
        subDistrict: v.subDistrict,
        category: v.category,
        employer: { name: v.employerName, creditCode: v.employerCreditCode },
        workers: ((v.workerNames as string[] | undefined) ?? []).map((name) => ({ name })),
        claimAmountFen: v.claimAmountYuan ?? 0,
      },
      REFER_FIELDS,
      REFER_STAND_INS,
    );

    let mediatorId: string | undefined;
    if (v.mediator !== undefined) {
      const found = await ctx.mediatorId(v.mediator as string);
      if ('problem' in found) issues.add('mediator', found.problem);
      else mediatorId = issues.parse(assignMediationMediatorSchema, { mediatorId: found.id }, { mediatorId: 'mediator' })?.mediatorId;
    }

    let ending: Ending | undefined;
    if (v.result === undefined) {
      for (const key of ['endedOn', 'agreedAmountYuan', 'judicialConfirmation'] as const) {
        if (v[key] !== undefined) issues.add('result', `is required with ${key}`);
      }
    } else if (v.endedOn === undefined) {
      issues.add('endedOn', 'is required with a result');
    } else if (v.result === 'agreement') {
      if (v.agreedAmountYuan === undefined) issues.add('agreedAmountYuan', 'is required for an agreement');
      const body = issues.parse(
        reachAgreementSchema,
        { amountFen: v.agreedAmountYuan, agreedOn: v.endedOn, paymentTerms: v.paymentTerms ?? defaults.paymentTerms },
        AGREEMENT_FIELDS,
      );
      if (body) ending = { type: 'ReachAgreement', ...body };
    } else if (v.result === 'failed') {
      const body = issues.parse(failMediationSchema, { reason: v.reason ?? defaults.failureReason, failedOn: v.endedOn }, FAILURE_FIELDS);
      if (body) ending = { type: 'FailMediation', ...body };
    } else {
      const body = issues.parse(withdrawMediationSchema, withoutUndefined({ withdrawnOn: v.endedOn, reason: v.reason }), WITHDRAWAL_FIELDS);
      if (body) ending = { type: 'WithdrawMediation', ...body };
    }
    if (v.result !== 'agreement' && v.agreedAmountYuan !== undefined && v.result !== undefined) {
      issues.add('agreedAmountYuan', 'is only for an agreement');
    }

    const confirmations: Confirmation[] = [];
    if (v.judicialConfirmation !== undefined) {
      if (v.result !== undefined && v.result !== 'agreement') issues.add('judicialConfirmation', 'needs an agreement');
      if (v.judicialConfirmationAppliedOn === undefined) issues.add('judicialConfirmationAppliedOn', 'is required with a judicial confirmation');
      const applied = issues.parse(
        recordJudicialConfirmationSchema,
        { status: 'applied', on: v.judicialConfirmationAppliedOn },
        { on: 'judicialConfirmationAppliedOn', status: 'judicialConfirmation' },
      );
      if (applied) confirmations.push(applied);
      if (v.judicialConfirmation !== 'applied') {
        if (v.judicialConfirmationDecidedOn === undefined) issues.add('judicialConfirmationDecidedOn', `is required when it was ${v.judicialConfirmation}`);
        const decided = issues.parse(
          recordJudicialConfirmationSchema,
          { status: v.judicialConfirmation, on: v.judicialConfirmationDecidedOn },
          { on: 'judicialConfirmationDecidedOn', status: 'judicialConfirmation' },
        );
        // The court's decision builds on the application: without one the row could read (its
        // error already), the decider would refuse the decision for that alone.
        if (decided && applied) confirmations.push(decided);
      }
    } else {
      for (const key of ['judicialConfirmationAppliedOn', 'judicialConfirmationDecidedOn'] as const) {
        if (v[key] !== undefined) issues.add('judicialConfirmation', `is required with ${key}`);
      }
    }
    // Decided even when the row has errors already (the referral with stand-ins for its bad values,
    // without the parts that were refused), so that every error of the row is listed at once.
    if (!refer) return undefined;

    const build = (now: Date, actor: Actor): MediationCommand[] => {
      const commands: MediationCommand[] = [{ type: 'ReferMediation', ...refer, mediationId: ctx.id, now, actor }];
      if (mediatorId) commands.push({ type: 'AssignMediationMediator', mediatorId, now, actor });
      if (ending) commands.push({ ...ending, now, actor });
      // Judicial confirmation builds on the agreement: without one the row could read (another
      // result, or an agreement the schema refused, each the row's error already), the decider
      // would refuse it only for the missing agreement, which is not its own error.
      if (ending?.type === 'ReachAgreement') {
        for (const confirmation of confirmations) commands.push({ type: 'RecordJudicialConfirmation', ...confirmation, now, actor });
      }
      return commands;
    };
    issues.decide(mediation, build(ctx.now, ctx.actor), (command) => {
      switch (command.type) {
        case 'ReferMediation':
          return REFER_FIELDS;
        case 'AssignMediationMediator':
          return { mediatorId: 'mediator' };
        case 'ReachAgreement':
          return AGREEMENT_FIELDS;
        case 'FailMediation':
          return FAILURE_FIELDS;
        case 'WithdrawMediation':
          return WITHDRAWAL_FIELDS;
        case 'RecordJudicialConfirmation':
          return {
            status: 'judicialConfirmation',
            on: command.status === 'applied' ? 'judicialConfirmationAppliedOn' : 'judicialConfirmationDecidedOn',
          };
        default:
          return {};
      }
    }, (refused) => {
      switch (refused.type) {
        case 'ReferMediation':
          // Stood in for as in parse (the referral day the earliest there is), so that the later
          // commands' own rules (not in the future) still run.
          return { ...refused, referredOn: REFER_STAND_INS.referredOn };
        case 'ReachAgreement':
          // The judicial confirmation's rules compare its application with the agreement both ways
          // (not before it, within 30 days of it): the application's own day as the agreement's
          // lets neither blame it, and its own rule (not in the future) still runs.
          // (The first confirmation is the application: the decision is kept only with one.)
          return confirmations.length ? { ...refused, agreedOn: confirmations[0].on } : 'leave-out';
        case 'RecordJudicialConfirmation':
          // A refused application: the court's decision is compared with its day, and no other
          // day may stand in for it without being quoted in the decision's error.
          return refused.status === 'applied' ? 'stop' : 'leave-out';
        default:
          // The mediator, a failure or a withdrawal: nothing later in the row builds on them.
          return 'leave-out';
      }
    });
    return issues.any ? undefined : build;
  },
};
