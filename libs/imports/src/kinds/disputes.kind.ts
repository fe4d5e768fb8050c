import {
  DisputeCaseState,
  DisputeCommand,
  DisputeEvent,
  disputeCase,
  disputeStreamId,
  RecordRecoveryRequest,
  ResolveDisputeRequest,
  assignMediatorSchema,
  openDisputeSchema,
  recordRecoverySchema,
  resolveDisputeSchema,
} from '@lc/disputes';
import { EARLIEST_DATE } from '@lc/reference-data';
import { ColumnSpec, defaults } from './columns';
import { FieldColumns, ImportKind, RowValues } from './kind';
import { withoutUndefined } from './without-undefined';

const columns: ColumnSpec[] = [
  { key: 'subDistrict', type: 'subDistrict', required: true },
  { key: 'channel', type: 'code', vocabulary: 'disputeChannels', required: true },
  { key: 'category', type: 'code', vocabulary: 'disputeCategories', required: true },
  { key: 'employerName', type: 'text', required: true },
  { key: 'employerCreditCode', type: 'text', required: true },
  { key: 'workersInvolved', type: 'integer', required: true },
  { key: 'amountClaimedYuan', type: 'yuan', required: false },
  { key: 'summary', type: 'text', required: true },
  // Required here though the API defaults it to today: a past record without its date would be dated the day of the import.
  { key: 'openedOn', type: 'date', required: true },
  { key: 'infringementKnownOn', type: 'date', required: false },
  { key: 'claimantName', type: 'text', required: true },
  { key: 'claimantIdNumber', type: 'text', required: false },
  { key: 'claimantPhone', type: 'text', required: false },
  { key: 'mediator', type: 'text', required: false },
  { key: 'amountRecoveredYuan', type: 'yuan', required: false },
  { key: 'recoveredOn', type: 'date', required: false },
  { key: 'outcome', type: 'code', vocabulary: 'disputeOutcomes', required: false },
  { key: 'resolvedOn', type: 'date', required: false },
  { key: 'resolutionNote', type: 'text', required: false },
];

const OPEN_FIELDS: FieldColumns = {
  disputeId: null,
  caseNo: null,
  channel: 'channel',
  subDistrict: 'subDistrict',
  employer: 'employerName',
  'employer.name': 'employerName',
  'employer.creditCode': 'employerCreditCode',
  category: 'category',
  workersInvolved: 'workersInvolved',
  amountClaimedFen: 'amountClaimedYuan',
  summary: 'summary',
  openedOn: 'openedOn',
  infringementKnownOn: 'infringementKnownOn',
  claimants: 'claimantName',
  'claimants.0.name': 'claimantName',
  'claimants.0.idNumber': 'claimantIdNumber',
  'claimants.0.phone': 'claimantPhone',
};
const RESOLVE_FIELDS: FieldColumns = { outcome: 'outcome', resolvedOn: 'resolvedOn', note: 'resolutionNote' };
const ASSIGN_FIELDS: FieldColumns = { mediatorId: 'mediator' };

/**
 * Valid values for the opening's fields, in place of bad ones while the rest of the row is checked
 * (see RowIssues.parse). For the opening day, the earliest day there is: the later commands' rules
 * only refuse a date before it, so none is blamed for it. The day the infringement became known is
 * compared with nothing later, and is left out.
 */
const OPEN_STAND_INS = {
  openedOn: EARLIEST_DATE,
  infringementKnownOn: undefined,
  channel: 'walk_in',
  subDistrict: 'pinghu',
  employer: { name: '用人单位', creditCode: '91440300708461136T' },
  category: 'other',
  workersInvolved: 1,
  amountClaimedFen: 0,
  summary: '案情摘要',
  claimants: [{ name: '申请人' }],
};

/** A row: the case opened, its mediator assigned, the money recovered, the resolution, each dated as the row says. */
export const disputesKind: ImportKind<DisputeCommand, DisputeEvent, DisputeCaseState> = {
  name: 'disputes',
  columns,
  decider: disputeCase,
  streamOf: disputeStreamId,

  caseNumber: (v: RowValues) => ({ subDistrict: v.subDistrict as string, year: Number((v.openedOn as string).slice(0, 4)) }),

  async plan(v, ctx, issues) {
    const open = issues.parse(
      openDisputeSchema,
      withoutUndefined({
        channel: v.channel,
        subDistrict: v.subDistrict,
        employer: { name: v.employerName, creditCode: v.employerCreditCode },
        category: v.category,
        workersInvolved: v.workersInvolved,
        amountClaimedFen: v.amountClaimedYuan ?? 0,
        summary: v.summary,
        // Required, so a row without it has its error already. Not left to the API's default (today):
        // every other date of a past record would be before that opening and blamed for it.
        openedOn: v.openedOn ?? OPEN_STAND_INS.openedOn,
        infringementKnownOn: v.infringementKnownOn,
        claimants: [withoutUndefined({ name: v.claimantName, idNumber: v.claimantIdNumber, phone: v.claimantPhone })],
      }),
      OPEN_FIELDS,
      OPEN_STAND_INS,
    );

    let mediatorId: string | undefined;
    if (v.mediator !== undefined) {
      const found = await ctx.mediatorId(v.mediator as string);
      if ('problem' in found) issues.add('mediator', found.problem);
      else mediatorId = issues.parse(assignMediatorSchema, { mediatorId: found.id }, ASSIGN_FIELDS)?.mediatorId;
    }

    // Nothing recovered is written 0 as often as it is left empty.
    const recovered = v.amountRecoveredYuan === 0 ? undefined : v.amountRecoveredYuan;
    // Recovered at the resolution unless the row says when: spreadsheets often keep only the resolution day.
    const recoveredOnColumn = v.recoveredOn !== undefined ? 'recoveredOn' : 'resolvedOn';
    let recovery: RecordRecoveryRequest | undefined;
    if (recovered !== undefined) {
      if (v.recoveredOn === undefined && v.resolvedOn === undefined) issues.add('recoveredOn', 'is required with an amount recovered (or give the resolution day)');
      else {
        recovery = issues.parse(
          recordRecoverySchema,
          { amountFen: recovered, recoveredOn: v.recoveredOn ?? v.resolvedOn, note: defaults.recoveryNote },
          { amountFen: 'amountRecoveredYuan', recoveredOn: recoveredOnColumn, note: null },
        );
      }
    } else if (v.recoveredOn !== undefined) issues.add('amountRecoveredYuan', 'is required with a recovery day');

    let resolution: ResolveDisputeRequest | undefined;
    if (v.outcome !== undefined || v.resolvedOn !== undefined || v.resolutionNote !== undefined) {
      if (v.outcome === undefined) issues.add('outcome', 'is required to resolve the case (with the resolution day)');
      if (v.resolvedOn === undefined) issues.add('resolvedOn', 'is required with an outcome');
      resolution = issues.parse(
        resolveDisputeSchema,
        { outcome: v.outcome, resolvedOn: v.resolvedOn, note: v.resolutionNote ?? defaults.resolutionNote },
        RESOLVE_FIELDS,
      );
    }
    // Decided even when the row has errors already (the opening with stand-ins for its bad values,
    // without the parts that were refused), so that every error of the row is listed at once.
    // Every field of the opening has a stand-in: `open` is missing only for a body of a new shape.
    if (!open) return undefined;

    const build = (now: Date, actor: { id: string; role: string }, caseNo: string): DisputeCommand[] => {
      const commands: DisputeCommand[] = [{ type: 'OpenDispute', ...open, disputeId: ctx.id, caseNo, now, actor }];
      if (mediatorId) commands.push({ type: 'AssignMediator', mediatorId, now, actor });
      // The recovery before the resolution: once resolved, a case takes recoveries for 30 days from
      // today only, and a past year's case was resolved long ago.
      if (recovery) commands.push({ type: 'RecordRecovery', ...recovery, now, actor });
      if (resolution) commands.push({ type: 'ResolveDispute', ...resolution, now, actor });
      return commands;
    };
    issues.decide(disputeCase, build(ctx.now, ctx.actor, 'to-be-allocated'), (command) => {
      switch (command.type) {
        case 'OpenDispute':
          return OPEN_FIELDS;
        case 'AssignMediator':
          return ASSIGN_FIELDS;
        case 'RecordRecovery':
          return { amountFen: 'amountRecoveredYuan', recoveredOn: recoveredOnColumn };
        default:
          return RESOLVE_FIELDS;
      }
    }, (refused, _state, fields) => {
      // The recovery, the assignment and the resolution build on the opening alone: one refused,
      // the next is decided without it. A refused opening is stood in for as its bad values are
      // in parse, so that the later commands' own rules (not in the future) still run.
      if (refused.type !== 'OpenDispute') return 'leave-out';
      return {
        ...refused,
        ...(fields.has('openedOn') ? { openedOn: OPEN_STAND_INS.openedOn } : {}),
        ...(fields.has('infringementKnownOn') ? { infringementKnownOn: undefined } : {}),
      };
    });
    return issues.any ? undefined : build;
  },
};
