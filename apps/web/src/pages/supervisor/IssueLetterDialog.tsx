import { DatePicker, Form, Input, Radio, Select, message } from 'antd';
import dayjs from 'dayjs';
import { chinaToday } from '../../i18n/format';
import { CommandDialog, type DialogSpec } from '../mediator/command';
import type { DashboardKey, DashboardTranslate } from './i18n';
import { useDashboardI18n } from './i18n';
import { citedRecord, LETTER_KINDS, type CitedRecord, type IssuedLetter } from './Letters';
import type { EnterpriseView } from './types';

/**
 * Issuing a 提示函, 意见书 or 建议书 to the enterprise: the letter cites one of its cases or
 * mediations (the API numbers it on the enterprise's letters and checks the scope and the dates
 * against that record). Sent through the workspace's command dialog: field errors next to their
 * fields, and a conflict said and redone, never lost.
 */
function issueLetterSpec(e: EnterpriseView, t: DashboardTranslate): DialogSpec {
  const required = [{ required: true, whitespace: true, message: t('field.required') }];
  const records = [
    ...e.disputes.map((d) => ({ value: `dispute:${d.id}`, label: `${t('ent.letter.dispute')} ${d.caseNo}`, open: d.status === 'open' })),
    ...e.mediations.map((m) => ({ value: `mediation:${m.id}`, label: `${t('ent.letter.mediation')} ${m.courtCaseNo}`, open: m.status === 'referred' || m.status === 'in_progress' })),
  ];
  const today = dayjs(chinaToday());
  return {
    title: t('ent.letter.issue'),
    path: (v) => {
      const { kind, id } = citedRecord(String(v.record));
      return `/api/v1/${kind === 'dispute' ? 'disputes' : 'mediations'}/${id}/letters`;
    },
    initialValues: { record: (records.find((r) => r.open) ?? records[0])?.value, kind: 'reminder-letter', replyBy: today.add(15, 'day') },
    body: (v) => ({
      kind: v.kind,
      facts: String(v.facts).trim(),
      requests: String(v.requests).trim(),
      ...(v.replyBy ? { replyBy: v.replyBy.format('YYYY-MM-DD') } : {}),
    }),
    fields: (
      <>
        <Form.Item name="record" label={t('ent.citedRecord')} rules={required}>
          <Select options={records.map(({ value, label }) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('ent.letterKind')} rules={required}>
          <Radio.Group options={LETTER_KINDS.map((k) => ({ value: k, label: t(`letterKind.${k}` as DashboardKey) }))} />
        </Form.Item>
        <Form.Item name="facts" label={t('ent.letter.facts')} rules={required}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="requests" label={t('ent.letter.requests')} rules={required}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="replyBy" label={t('ent.letter.replyBy')}>
          <DatePicker disabledDate={(d) => d.isBefore(today, 'day')} />
        </Form.Item>
      </>
    ),
  };
}

/**
 * The dialog that issues a letter: its own chunk, loaded when the button is first pressed (the
 * command dialog, the date picker and the workspace's strings would otherwise weigh on every
 * supervisor's dashboard).
 */
export default function IssueLetterDialog({
  enterprise,
  refresh,
  onClose,
  onIssued,
}: {
  enterprise: EnterpriseView;
  refresh(): Promise<unknown>;
  onClose(): void;
  onIssued(letter: IssuedLetter, record: CitedRecord): void;
}) {
  const { t } = useDashboardI18n();
  return (
    <CommandDialog<IssuedLetter>
      spec={issueLetterSpec(enterprise, t)}
      version={null}
      refresh={refresh}
      onClose={onClose}
      onDone={(letter, values) => {
        void message.success(t('ent.letter.issued', { kind: t(`letterKind.${letter.kind}` as DashboardKey), letterNo: letter.letterNo }));
        onIssued(letter, citedRecord(String(values.record)));
      }}
    />
  );
}
