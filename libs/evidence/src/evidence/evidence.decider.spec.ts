import { disputeCase, DisputeEvent } from '@lc/disputes/domain';
import { given } from '@lc/decider';
import { AttachEvidence, evidence, EvidenceAttached, RemoveEvidence, withEvidence } from './evidence.decider';

const now = new Date('2026-03-01T02:00:00Z');
const actor = { id: 'mediator-1', role: 'mediator' };
const attach: AttachEvidence = {
  type: 'AttachEvidence',
  fileId: 'file-1',
  sha256: 'a'.repeat(64),
  contentType: 'application/pdf',
  sizeBytes: 1234,
  fileName: '工资单.pdf',
  description: '三月工资单',
  now,
  actor,
};
const attached: EvidenceAttached = {
  type: 'EvidenceAttached',
  data: {
    fileId: 'file-1',
    sha256: 'a'.repeat(64),
    contentType: 'application/pdf',
    sizeBytes: 1234,
    fileName: '工资单.pdf',
    description: '三月工资单',
    attachedAt: '2026-03-01T02:00:00.000Z',
    attachedBy: 'mediator-1',
  },
};
const remove: RemoveEvidence = { type: 'RemoveEvidence', fileId: 'file-1', now, actor };

describe('evidence decider', () => {
  it('attaches a file, recording its id, hash, type, size, name, description and who', () => {
    const state = given(evidence).when(attach).then([attached]);
    expect(state.files.map((f) => f.fileId)).toEqual(['file-1']);
  });

  it('takes the same bytes twice on one record as one file: nothing more is recorded', () => {
    given(evidence, [attached]).when({ ...attach, fileId: 'file-2', fileName: 'again.pdf' }).then([]);
  });

  it('removes a file as an event, which keeps the fact (id, hash, name) and who removed it', () => {
    const state = given(evidence, [attached])
      .when(remove)
      .then([
        {
          type: 'EvidenceRemoved',
          data: { fileId: 'file-1', sha256: 'a'.repeat(64), fileName: '工资单.pdf', removedAt: '2026-03-01T02:00:00.000Z', removedBy: 'mediator-1' },
        },
      ]);
    expect(state.files).toEqual([]);
  });

  it('removing a removed file again changes nothing; an unknown file is not found', () => {
    const removed = { type: 'EvidenceRemoved' as const, data: { fileId: 'file-1', sha256: 'a'.repeat(64), fileName: 'x', removedAt: '', removedBy: '' } };
    given(evidence, [attached, removed]).when(remove).then([]);
    given(evidence, [attached]).when({ ...remove, fileId: 'nope' }).thenThrows('not_found');
  });

  it('the same bytes may be attached again once removed', () => {
    const removed = { type: 'EvidenceRemoved' as const, data: { fileId: 'file-1', sha256: 'a'.repeat(64), fileName: 'x', removedAt: '', removedBy: '' } };
    given(evidence, [attached, removed])
      .when({ ...attach, fileId: 'file-2' })
      .then([{ ...attached, data: { ...attached.data, fileId: 'file-2' } }]);
  });
});

describe('withEvidence: the record and its files on one stream', () => {
  const decider = withEvidence(disputeCase, (s) => s.status !== 'not_opened', 'No such dispute case');
  const opened = {
    type: 'DisputeOpened',
    data: {
      disputeId: 'd-1',
      caseNo: 'LD-2026-0001',
      channel: 'walk_in',
      subDistrict: 'pinghu',
      employer: { name: '某厂', creditCode: '91440300MA5DC0XX1X' },
      category: 'wage_arrears',
      summary: '拖欠工资',
      claimants: [],
      openedOn: '2026-02-01',
      workersInvolved: 3,
      amountClaimedFen: 100,
    },
  } as unknown as DisputeEvent;

  it('refuses evidence on a record that does not exist', () => {
    given(decider).when(attach).thenThrows('not_found');
  });

  it('leaves the record as it was and keeps the files beside it', () => {
    const state = given(decider, [opened]).when(attach).then([attached]);
    expect(state.record).toEqual(given(disputeCase, [opened]).state);
    expect(state.evidence.files).toHaveLength(1);
  });

  it("the record's own decider folds past evidence events as events it does not know", () => {
    expect(given(disputeCase, [opened, attached as never]).state).toEqual(given(disputeCase, [opened]).state);
  });
});
