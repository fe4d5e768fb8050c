import {
  ComplaintCommand,
  ComplaintEvent,
  ComplaintState,
  HandleComplaintRequest,
  complaint,
  complaintStreamId,
  workOrderNoStream,
  handleComplaintSchema,
  receiveComplaintSchema,
} from '@lc/disputes';
import { Actor } from '@lc/decider';
import { EARLIEST_DATE } from '@lc/reference-data';
import { ColumnSpec, defaults } from './columns';
import { FieldColumns, ImportKind } from './kind';
import { withoutUndefined } from './without-undefined';

const columns: ColumnSpec[] = [
  { key: 'source', type: 'code', vocabulary: 'complaintSources', required: true },
  { key: 'workOrderNo', type: 'text', required: false },
  { key: 'subDistrict', type: 'subDistrict', required: true },
  { key: 'employerName', type: 'text', required: false },
  { key: 'employerCreditCode', type: 'text', required: false },
  { key: 'summary', type: 'text', required: true },
  { key: 'receivedAt', type: 'instant', required: true },
  { key: 'handledOn', type: 'date', required: false },
  { key: 'handlingNote', type: 'text', required: false },
];

const RECEIVE_FIELDS: FieldColumns = {
  complaintId: null,
  source: 'source',
  workOrderNo: 'workOrderNo',
  subDistrict: 'subDistrict',
  employer: 'employerName',
  'employer.name': 'employerName',
  'employer.creditCode': 'employerCreditCode',
  summary: 'summary',
  receivedAt: 'receivedAt',
};
/**
 * Valid values for the reception's fields, in place of bad ones while the rest of the row is
 * checked (see RowIssues.parse). The reception's time is the start of the earliest day there is:
 * the handling's rule only refuses a day before it, so none is blamed for it.
 */
const RECEIVE_STAND_INS = {
  source: 'other',
  workOrderNo: '工单号',
  subDistrict: 'pinghu',
  employer: { name: '用人单位' },
  summary: '诉求摘要',
  receivedAt: `${EARLIEST_DATE}T00:00:00+08:00`,
};
const HANDLE_FIELDS: FieldColumns = { note: 'handlingNote', handledOn: 'handledOn' };

/**
 * A row: the complaint received and, when the row says so, handled. A complaint that became a
 * dispute case is imported as the case (disputes import) rather than as a conversion.
 */
export const complaintsKind: ImportKind<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  name: 'complaints',
  columns,
  decider: complaint,
  streamOf: complaintStreamId,

  uniqueNumber: (v) => {
    if (typeof v.workOrderNo !== 'string' || !v.workOrderNo.trim()) return undefined;
    const workOrderNo = v.workOrderNo.trim();
    return {
      key: 'workOrderNo',
      value: workOrderNo,
      streamId: workOrderNoStream(workOrderNo),
      claimType: 'WorkOrderNoClaimed',
      data: { workOrderNo },
      owner: 'complaint',
      taken: 'was received already',
    };
  },

  async plan(v, ctx, issues) {
    if (v.employerCreditCode !== undefined && v.employerName === undefined) issues.add('employerName', 'is required with a credit code');
    const receive = issues.parse(
      receiveComplaintSchema,
      withoutUndefined({
        source: v.source,
        workOrderNo: v.workOrderNo,
        subDistrict: v.subDistrict,
        employer: v.employerName === undefined ? undefined : withoutUndefined({ name: v.employerName, creditCode: v.employerCreditCode }),
        summary: v.summary,
        receivedAt: v.receivedAt,
      }),
      RECEIVE_FIELDS,
      RECEIVE_STAND_INS,
    );
    let handling: HandleComplaintRequest | undefined;
    if (v.handledOn !== undefined) {
      handling = issues.parse(handleComplaintSchema, { note: v.handlingNote ?? defaults.handlingNote, handledOn: v.handledOn }, HANDLE_FIELDS);
    } else if (v.handlingNote !== undefined) issues.add('handledOn', 'is required with a handling note');
    // Decided even when the row has errors already (with stand-ins for the bad values, without a
    // refused handling), so that every error of the row is listed at once.
    if (!receive) return undefined;

    const build = (now: Date, actor: Actor): ComplaintCommand[] => {
      const commands: ComplaintCommand[] = [{ type: 'ReceiveComplaint', ...receive, complaintId: ctx.id, now, actor }];
      if (handling) commands.push({ type: 'HandleComplaint', ...handling, now, actor });
      return commands;
    };
    issues.decide(
      complaint,
      build(ctx.now, ctx.actor),
      (command) => (command.type === 'ReceiveComplaint' ? RECEIVE_FIELDS : HANDLE_FIELDS),
      // A refused reception is stood in for as in parse, so that the handling's own rule (not in the future) still runs.
      (refused) => (refused.type === 'ReceiveComplaint' ? { ...refused, receivedAt: RECEIVE_STAND_INS.receivedAt } : 'leave-out'),
    );
    return issues.any ? undefined : build;
  },
};
