import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, answer } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { Page } from '../../api/types';
import { GradeTag } from '../../components/GradeTag';
import { ProblemAlert, showProblemOnForm } from '../../components/problem';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { yuanToFen } from './checks';
import { EvidencePanel } from './EvidencePanel';
import { CATEGORIES, isConflict, newKey, type TriageAlert } from './model';
import { ToneTag } from './ToneTag';
import { validValues } from './form-values';

type Step = 'acknowledge' | 'verify' | 'escalate' | 'dismiss' | 'convert';
const PATHS = {
  acknowledge: '/api/v1/alerts/{id}/acknowledgement',
  verify: '/api/v1/alerts/{id}/verification',
  escalate: '/api/v1/alerts/{id}/escalation',
  dismiss: '/api/v1/alerts/{id}/dismissal',
  convert: '/api/v1/alerts/{id}/conversion',
} as const;
const STATUSES = ['submitted', 'acknowledged', 'verified', 'dismissed', 'converted'] as const;

/** What can be done to an alert in its state (the server decides; the page offers only these). */
function stepsFor(a: TriageAlert): Step[] {
  if (a.status === 'dismissed' || a.status === 'converted') return [];
  const steps: Step[] = [];
  if (a.status === 'submitted') steps.push('acknowledge');
  if (a.status !== 'verified') steps.push('verify');
  if (!a.escalated) steps.push('escalate');
  steps.push('dismiss', 'convert');
  return steps;
}

function bodyOf(step: Step, v: Record<string, any>): Record<string, unknown> {
  const note = v.note?.trim() ? { note: v.note.trim() } : {};
  switch (step) {
    case 'acknowledge':
      return {};
    case 'verify':
    case 'escalate':
      return note;
    case 'dismiss':
      return { reason: v.reason };
    case 'convert':
      return {
        category: v.category,
        workersInvolved: v.workersInvolved,
        ...(v.amountClaimedYuan ? { amountClaimedFen: yuanToFen(v.amountClaimedYuan) } : {}),
        ...(v.summary?.trim() ? { summary: v.summary.trim() } : {}),
      };
  }
}

/**
 * The alert triage desk (预警分拣): alerts of the caller's scope, red first; a row opens to the
 * alert's evidence (list, download, upload, remove). Each action sends the
 * alert's version as If-Match; the alert is then read again from its stream (the list, a read
 * model, may be a moment behind), so the row shows at once what the action did. When someone else
 * acted first, the page says so and shows the alert as it is now.
 */
export function AlertDesk() {
  const { t, label, language } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string>('');
  const [page, setPage] = useState(1);
  const [fresh, setFresh] = useState<Record<string, TriageAlert>>({});
  const [pending, setPending] = useState<{ step: Step; alert: TriageAlert } | null>(null);
  const [conflict, setConflict] = useState<TriageAlert | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<Array<{ field: string; message: string }>>([]);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();

  const query = { ...(status ? { status } : {}), sort: '-grade,-submittedAt', page, pageSize: 20 } as never;
  const list = useQuery({
    queryKey: ['alerts', 'triage', status, page],
    queryFn: () => answer<Page<TriageAlert>>(api.GET('/api/v1/alerts', { params: { query } })),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  // The newer of the list's row and what the page read after an action.
  const rows = (list.data?.items ?? []).map((a) => (fresh[a.id] && fresh[a.id].version > a.version ? { ...a, ...fresh[a.id] } : a));

  const reread = async (id: string): Promise<TriageAlert> => {
    const alert = await answer<TriageAlert>(api.GET('/api/v1/alerts/{id}', { params: { path: { id } } }));
    setFresh((all) => ({ ...all, [id]: alert }));
    return alert;
  };

  const start = (step: Step, alert: TriageAlert) => {
    setConflict(null);
    setError(null);
    setUnplaced([]);
    form.resetFields();
    if (step === 'convert') form.setFieldsValue({ category: 'wage_arrears', workersInvolved: alert.workersAffected, summary: alert.description });
    setPending({ step, alert });
  };

  const run = async () => {
    if (!pending) return;
    const { step } = pending;
    const alert = rows.find((a) => a.id === pending.alert.id) ?? pending.alert;
    const values = step === 'acknowledge' ? {} : await validValues(form);
    if (!values) return;
    setSaving(true);
    setError(null);
    setUnplaced([]);
    try {
      const { response, data, error: failed } = await api.POST(PATHS[step], {
        params: { path: { id: alert.id }, header: { 'if-match': `"${alert.version}"`, 'idempotency-key': newKey() } },
        body: bodyOf(step, values) as never,
      });
      if (!response.ok) throw new ApiProblem(response.status, { status: response.status, ...(failed as unknown as object) });
      setPending(null);
      setConflict(null);
      void queryClient.invalidateQueries({ queryKey: ['alerts', 'triage'] });
      if (step === 'convert') {
        const opened = data as unknown as { id: string; caseNo: string };
        void message.success(t('ws.alerts.converted', { caseNo: opened.caseNo }));
        navigate(`/workspace/cases/${opened.id}`);
        return;
      }
      void message.success(t('ws.action.done'));
      await reread(alert.id);
    } catch (failure) {
      if (isConflict(failure)) {
        const now = await reread(alert.id).catch(() => alert);
        setConflict(now);
        setPending({ step, alert: now });
      } else {
        setError(failure);
        setUnplaced(showProblemOnForm(form, failure, language, t, { amountClaimedFen: 'amountClaimedYuan' }));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="alerts-title">
      <Typography.Title level={1} id="alerts-title" style={{ fontSize: 24 }}>
        {t('ws.alerts.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('ws.filter.status')}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          style={{ width: 140 }}
          options={[{ value: '', label: t('ws.filter.all') }, ...STATUSES.map((s) => ({ value: s, label: label('alertStatus', s) }))]}
        />
      </Space>
      {conflict && !pending ? <Alert type="warning" showIcon role="alert" title={t('ws.conflict.title')} style={{ marginBottom: 16 }} /> : null}
      <ProblemAlert error={list.error} />
      <Table<TriageAlert>
        rowKey="id"
        loading={list.isFetching && !list.data}
        dataSource={rows}
        scroll={{ x: true }}
        locale={{ emptyText: t('ws.alerts.empty') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        onRow={(a) => ({ 'data-testid': `alert-${a.id}` }) as React.HTMLAttributes<HTMLElement>}
        // Each alert's evidence (the informant's photos, what the mediator adds when verifying) below its row.
        expandable={{ expandedRowRender: (a) => <EvidencePanel record="alerts" id={a.id} /> }}
        columns={[
          {
            title: t('ws.col.grade'),
            key: 'grade',
            render: (_, a) => (a.grade ? <GradeTag grade={a.grade} /> : <Tag>{label('grade', 'none')}</Tag>),
          },
          {
            title: t('ws.col.employer'),
            key: 'employer',
            render: (_, a) => (
              <>
                <div>{a.enterprise.name}</div>
                <Typography.Text type="secondary">{a.description}</Typography.Text>
              </>
            ),
          },
          { title: t('ws.col.signals'), key: 'signals', render: (_, a) => a.signals.map((s) => label('signal', s)).join('、') },
          { title: t('ws.col.workers'), key: 'workers', render: (_, a) => t('ws.alerts.workers', { count: a.workersAffected }) },
          { title: t('ws.col.submittedAt'), key: 'submittedAt', render: (_, a) => formatDateTime(language, a.submittedAt) },
          {
            title: t('ws.col.status'),
            key: 'status',
            render: (_, a) => (
              <Space size={4} wrap>
                <span data-testid="alert-status">{label('alertStatus', a.status)}</span>
                {a.overdue ? <ToneTag tone="red">{t('ws.alerts.overdue')}</ToneTag> : null}
                {a.escalated ? <ToneTag tone="orange">{t('ws.alerts.escalated')}</ToneTag> : null}
              </Space>
            ),
          },
          {
            title: t('ws.col.actions'),
            key: 'actions',
            render: (_, a) =>
              a.status === 'converted' && a.disputeId ? (
                <Link to={`/workspace/cases/${a.disputeId}`}>{t('ws.alerts.openCase')}</Link>
              ) : (
                <Space size={4} wrap>
                  {stepsFor(a).map((step) => (
                    <Button key={step} size="small" type={step === 'convert' ? 'primary' : 'default'} danger={step === 'dismiss'} onClick={() => start(step, a)}>
                      {t(`ws.alerts.${step}` as MessageKey)}
                    </Button>
                  ))}
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={pending !== null}
        title={pending ? (pending.step === 'convert' ? t('ws.alerts.convertTitle') : `${t(`ws.alerts.${pending.step}` as MessageKey)} · ${pending.alert.enterprise.name}`) : ''}
        onCancel={() => setPending(null)}
        onOk={run}
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
            description={`${t('ws.conflict.body', { version: conflict.version })} ${label('alertStatus', conflict.status)}`}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <ProblemAlert error={error} unplaced={unplaced} />
        <Form form={form} layout="vertical" name="triage">
          {pending?.step === 'verify' || pending?.step === 'escalate' ? (
            <Form.Item name="note" label={t('ws.field.note')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          ) : null}
          {pending?.step === 'dismiss' ? (
            <Form.Item name="reason" label={t('ws.field.reason')} rules={[{ required: true, message: t('field.required') }]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          ) : null}
          {pending?.step === 'convert' ? (
            <>
              <Form.Item name="category" label={t('ws.field.category')} rules={[{ required: true, message: t('field.required') }]}>
                <Select options={CATEGORIES.map((c) => ({ value: c, label: label('category', c) }))} />
              </Form.Item>
              <Form.Item name="workersInvolved" label={t('ws.field.workersInvolved')}>
                <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item
                name="amountClaimedYuan"
                label={t('ws.field.amountClaimedYuan')}
                rules={[{ validator: async (_, v) => (!v || yuanToFen(v) !== undefined ? undefined : Promise.reject(new Error(t('ws.field.amountInvalid')))) }]}
              >
                <Input inputMode="decimal" />
              </Form.Item>
              <Form.Item name="summary" label={t('ws.field.summary')}>
                <Input.TextArea rows={3} maxLength={4000} />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </section>
  );
}
