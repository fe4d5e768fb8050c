import { Alert, Button, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Spin, Tag, Timeline, Typography, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { useSession } from '../../auth/use-session';
import { ProblemAlert, showProblemOnForm } from '../../components/problem';
import type { MessageKey } from '../../i18n';
import { chinaToday, formatDateTime, formatYuan } from '../../i18n/format';
import { yuanToFen } from './checks';
import { EvidencePanel } from './EvidencePanel';
import { RecordDocuments } from './RecordDocuments';
import { ToneTag } from './ToneTag';
import { useDeskI18n, type DeskKey, type DeskTranslate } from './i18n';
import {
  OUTCOMES,
  STEP_KINDS,
  disputeKey,
  isConflict,
  newKey,
  readVersioned,
  timelineKey,
  useDispute,
  useMediatorNames,
  useMediators,
  useTimeline,
  type DisputeDetail,
  type TimelineItem,
} from './model';
import { validValues } from './form-values';

type Action = 'logStep' | 'recordRecovery' | 'resolve' | 'reopen' | 'changeWorkers' | 'takeIt' | 'assign';
const OPEN_ACTIONS: Action[] = ['logStep', 'recordRecovery', 'changeWorkers', 'resolve'];
const RESOLVED_ACTIONS: Action[] = ['recordRecovery', 'reopen'];
const ACTION_TITLES: Record<Action, DeskKey> = {
  logStep: 'ws.action.logStep',
  recordRecovery: 'ws.action.recordRecovery',
  resolve: 'ws.action.resolve',
  reopen: 'ws.action.reopen',
  changeWorkers: 'ws.action.changeWorkers',
  takeIt: 'desk.assign.takeIt',
  assign: 'desk.assign.assign',
};

/** The body each action sends, from its form's values (amounts typed in yuan, sent in fen). */
function bodyOf(action: Action, v: Record<string, any>): Record<string, unknown> {
  switch (action) {
    case 'logStep':
      return { kind: v.kind, note: v.note, occurredAt: (v.occurredAt ?? dayjs()).toDate().toISOString() };
    case 'recordRecovery':
      return { amountFen: yuanToFen(v.amountYuan), recoveredOn: v.recoveredOn?.format('YYYY-MM-DD'), ...(v.note ? { note: v.note } : {}) };
    case 'resolve':
      return { outcome: v.outcome, resolvedOn: v.resolvedOn?.format('YYYY-MM-DD'), ...(v.note ? { note: v.note } : {}) };
    case 'reopen':
      return { reason: v.reason, ...(v.reopenedOn ? { reopenedOn: v.reopenedOn.format('YYYY-MM-DD') } : {}) };
    case 'takeIt':
      return { mediatorId: 'me' };
    case 'assign':
      return { mediatorId: v.mediatorId };
    case 'changeWorkers':
      return { workersInvolved: v.workersInvolved, ...(v.reason ? { reason: v.reason } : {}) };
  }
}

const PATHS = {
  logStep: '/api/v1/disputes/{id}/steps',
  recordRecovery: '/api/v1/disputes/{id}/recoveries',
  resolve: '/api/v1/disputes/{id}/resolution',
  reopen: '/api/v1/disputes/{id}/reopen',
  changeWorkers: '/api/v1/disputes/{id}/workers-involved',
  takeIt: '/api/v1/disputes/{id}/assignments',
  assign: '/api/v1/disputes/{id}/assignments',
} as const;

/** The API's field names → this page's (amounts are typed in yuan). */
const FIELD_MAP: Record<string, string> = { amountFen: 'amountYuan' };

/**
 * A case: what it is now, its commands and its timeline. Every command carries If-Match with the
 * version the page shows; when someone else changed the case first (412, or a 409 conflict), the
 * page says so, shows the fresh case, keeps what the user typed and lets them submit again.
 */
export function CaseDetail() {
  const { id = '' } = useParams();
  const { t, label, language, baseT } = useDeskI18n();
  const dispute = useDispute(id);
  const timeline = useTimeline(id);
  const names = useMediatorNames();
  const session = useSession();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<Array<{ field: string; message: string }>>([]);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();

  const nameOf = (actorId: string | null): string => {
    if (!actorId) return t('ws.timeline.system');
    return names.get(actorId) ?? (actorId === session?.user.id ? session.user.username : actorId.slice(0, 8));
  };

  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: disputeKey(id) }), queryClient.invalidateQueries({ queryKey: timelineKey(id) })]);

  const open = (next: Action) => {
    form.resetFields();
    setConflict(false);
    setError(null);
    setUnplaced([]);
    setAction(next);
  };
  const close = () => setAction(null);

  const submit = async () => {
    if (!action || !dispute.data) return;
    const values = await validValues(form);
    if (!values) return;
    setSaving(true);
    setError(null);
    setUnplaced([]);
    try {
      // The If-Match is the version of the case the user is looking at: a change in between is a 412.
      const version = dispute.data.version;
      const { response, error: failed } = await api.POST(PATHS[action], {
        params: { path: { id }, header: { 'if-match': `"${version}"`, 'idempotency-key': newKey() } },
        body: bodyOf(action, values) as never,
      });
      if (!response.ok) throw new ApiProblem(response.status, { status: response.status, ...(failed as unknown as object) });
      setConflict(false);
      setAction(null);
      void message.success(t('ws.action.done'));
      await refresh();
    } catch (failure) {
      if (isConflict(failure)) {
        setConflict(true);
        await refresh();
      } else {
        setError(failure);
        setUnplaced(showProblemOnForm(form, failure, language, baseT, FIELD_MAP));
      }
    } finally {
      setSaving(false);
    }
  };

  if (dispute.isLoading) return <Spin />;
  if (dispute.error || !dispute.data) return <ProblemAlert error={dispute.error} />;
  const { record: d, version } = dispute.data;
  const user = session?.user;
  // A mediator takes an unassigned case of their own sub-district; supervisors and admins assign
  // (and reassign) within their scope. The server decides; the page offers only what it would allow.
  const canTake = d.status === 'open' && !d.mediatorId && user?.role === 'mediator' && user.subDistrict === d.subDistrict;
  const canAssign = d.status === 'open' && (user?.role === 'supervisor' || user?.role === 'admin');
  const actions: Action[] = [...(canTake ? (['takeIt'] as Action[]) : []), ...(d.status === 'open' ? OPEN_ACTIONS : RESOLVED_ACTIONS), ...(canAssign ? (['assign'] as Action[]) : [])];

  return (
    <section aria-labelledby="case-title">
      <Link to="/workspace/cases">{t('ws.case.back')}</Link>
      <Typography.Title level={1} id="case-title" style={{ fontSize: 24, marginTop: 8 }}>
        {t('ws.case.title', { caseNo: d.caseNo })}{' '}
        <ToneTag tone={d.status === 'open' ? 'blue' : 'green'} data-testid="case-status">
          {label('disputeStatus', d.status)}
        </ToneTag>
      </Typography.Title>
      <CaseFacts dispute={d} version={version} mediatorName={d.mediatorId ? nameOf(d.mediatorId) : t('ws.case.unassigned')} />
      <Space wrap style={{ margin: '16px 0' }}>
        {actions.map((a) => (
          <Button key={a} type={a === 'logStep' || a === 'takeIt' ? 'primary' : 'default'} onClick={() => open(a)}>
            {a === 'assign' && d.mediatorId ? t('desk.assign.reassign') : t(ACTION_TITLES[a])}
          </Button>
        ))}
        <RecordDocuments record="disputes" id={id} documents={d.documents} fileStem={d.caseNo} language={language} t={t} />
      </Space>

      <EvidencePanel record="disputes" id={id} onChanged={() => void queryClient.invalidateQueries({ queryKey: timelineKey(id) })} />

      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('ws.timeline.title')}
      </Typography.Title>
      <ProblemAlert error={timeline.error} />
      <Timeline
        data-testid="timeline"
        items={(timeline.data?.events ?? []).map((e) => ({
          key: e.version,
          children: (
            <div data-testid="timeline-item">
              <Typography.Text strong>{describe(e, t, label, language, nameOf)}</Typography.Text>
              <br />
              <Typography.Text type="secondary">
                {formatDateTime(language, e.recordedAt)} · {t('ws.timeline.by', { who: nameOf(e.actorId), role: label('role', e.actorRole) })}
              </Typography.Text>
              {typeof e.data.note === 'string' && e.data.note ? <Typography.Paragraph style={{ margin: 0 }}>{e.data.note}</Typography.Paragraph> : null}
            </div>
          ),
        }))}
      />

      <Modal
        open={action !== null}
        title={action ? t(ACTION_TITLES[action]) : ''}
        onCancel={close}
        onOk={submit}
        confirmLoading={saving}
        okText={conflict ? t('ws.action.retry') : t('ws.action.submit')}
        cancelText={t('ws.action.cancel')}
        destroyOnHidden
      >
        {conflict ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            data-testid="conflict"
            title={t('ws.conflict.title')}
            description={t('ws.conflict.body', { version })}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <ProblemAlert error={error} unplaced={unplaced} />
        <Form form={form} layout="vertical" name={`case-${action}`}>
          {action ? <ActionFields action={action} subDistrict={d.subDistrict} resolvedOn={d.resolvedOn} /> : null}
        </Form>
      </Modal>
    </section>
  );
}

function CaseFacts({ dispute: d, version, mediatorName }: { dispute: DisputeDetail; version: number; mediatorName: string }) {
  const { t, label, language } = useDeskI18n();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
      data-testid="case-facts"
      items={[
        { key: 'employer', label: t('ws.col.employer'), children: `${d.employer.name}（${d.employer.creditCode}）` },
        { key: 'category', label: t('ws.col.category'), children: label('category', d.category) },
        { key: 'channel', label: t('ws.case.channel'), children: label('channel', d.channel) },
        { key: 'subDistrict', label: t('ws.col.subDistrict'), children: label('subDistrict', d.subDistrict) },
        {
          key: 'workers',
          label: t('ws.col.workers'),
          children: (
            <span data-testid="case-workers">
              {d.workersInvolved}
              {d.groupDispute ? <Tag color="red" style={{ marginLeft: 8 }}>{t('ws.case.group')}</Tag> : null}
            </span>
          ),
        },
        { key: 'claimed', label: t('ws.col.claimed'), children: formatYuan(language, d.amountClaimedFen) },
        { key: 'recovered', label: t('ws.col.recovered'), children: <span data-testid="case-recovered">{formatYuan(language, d.amountRecoveredFen)}</span> },
        { key: 'openedOn', label: t('ws.col.openedOn'), children: d.openedOn },
        { key: 'mediator', label: t('ws.case.mediator'), children: <span data-testid="case-mediator">{mediatorName}</span> },
        { key: 'steps', label: t('ws.case.version', { version }), children: <span data-testid="case-steps">{t('ws.case.steps', { count: d.stepsLogged })}</span> },
        ...(d.outcome ? [{ key: 'outcome', label: t('ws.case.outcome'), children: `${label('outcome', d.outcome)} · ${d.resolvedOn ?? ''}` }] : []),
        { key: 'claimants', label: t('ws.case.claimants'), children: d.claimants.map((c) => [c.name, c.idNumber, c.phone].filter(Boolean).join(' ')).join('；') },
        { key: 'summary', label: t('ws.case.summary'), span: 'filled' as const, children: d.summary },
      ]}
    />
  );
}

function ActionFields({ action, subDistrict, resolvedOn }: { action: Action; subDistrict: string; resolvedOn: string | null }) {
  const { t, label } = useDeskI18n();
  const mediators = useMediators();
  const required = [{ required: true, message: t('field.required') }];
  const today = dayjs(chinaToday());
  switch (action) {
    case 'logStep':
      return (
        <>
          <Form.Item name="kind" label={t('ws.field.kind')} rules={required} initialValue="contact">
            <Select options={STEP_KINDS.map((k) => ({ value: k, label: label('stepKind', k) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('ws.field.note')} rules={required}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item name="occurredAt" label={t('ws.field.occurredAt')} initialValue={dayjs()}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </>
      );
    case 'recordRecovery':
      return (
        <>
          <Form.Item
            name="amountYuan"
            label={t('ws.field.amountYuan')}
            rules={[...required, { validator: async (_, v) => (v === undefined || v === '' || (yuanToFen(v) ?? 0) > 0 ? undefined : Promise.reject(new Error(t('ws.field.amountInvalid')))) }]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="recoveredOn" label={t('ws.field.recoveredOn')} rules={required} initialValue={today}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="note" label={t('ws.field.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'resolve':
      return (
        <>
          <Form.Item name="outcome" label={t('ws.field.outcome')} rules={required} initialValue="agreement">
            <Select options={OUTCOMES.map((o) => ({ value: o, label: label('outcome', o) }))} />
          </Form.Item>
          <Form.Item name="resolvedOn" label={t('ws.field.resolvedOn')} rules={required} initialValue={today}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="note" label={t('ws.field.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'reopen':
      // Back-dated at most to the resolution, never in the future (the server checks the same).
      return (
        <>
          <Form.Item name="reason" label={t('ws.field.reason')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="reopenedOn" label={t('desk.field.reopenedOn')} initialValue={today}>
            <DatePicker disabledDate={(day) => day.isAfter(today, 'day') || (resolvedOn !== null && day.isBefore(dayjs(resolvedOn), 'day'))} />
          </Form.Item>
        </>
      );
    case 'takeIt':
      return <Typography.Paragraph>{t('desk.assign.takeItConfirm')}</Typography.Paragraph>;
    case 'assign':
      return (
        <Form.Item name="mediatorId" label={t('desk.assign.mediator')} rules={required}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={mediators.isLoading}
            options={(mediators.data?.items ?? [])
              .filter((m) => m.active && m.subDistrict === subDistrict)
              .map((m) => ({ value: m.id, label: m.displayName || m.username }))}
          />
        </Form.Item>
      );
    case 'changeWorkers':
      return (
        <>
          <Form.Item name="workersInvolved" label={t('ws.field.workersInvolved')} rules={required}>
            <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label={t('ws.field.reason')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      );
  }
}

/** One line per event, in the user's language. */
function describe(e: TimelineItem, t: DeskTranslate, label: (g: string, c: string | null | undefined) => string, language: 'zh' | 'en', nameOf: (id: string | null) => string): string {
  const d = e.data;
  switch (e.type) {
    case 'MediatorAssigned':
      return t('desk.event.MediatorAssigned', { name: nameOf(typeof d.mediatorId === 'string' ? d.mediatorId : null) });
    case 'WorkersInvolvedChanged':
      return t('ws.event.WorkersInvolvedChanged', { workers: Number(d.workersInvolved) });
    case 'StepLogged':
      return t('ws.event.StepLogged', { kind: label('stepKind', String(d.kind)) });
    case 'RecoveryRecorded':
      return t('ws.event.RecoveryRecorded', { amount: formatYuan(language, Number(d.amountFen)) });
    case 'DisputeResolved':
      return t('ws.event.DisputeResolved', { outcome: label('outcome', String(d.outcome)) });
    case 'DisputeReopened':
      return t('ws.event.DisputeReopened', { reason: String(d.reason ?? '') });
    default: {
      const key = `ws.event.${e.type}`;
      return label('ws.event', e.type) !== e.type ? t(key as MessageKey) : e.type;
    }
  }
}

export { readVersioned };
