import { Button, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Spin, Table, Timeline, Typography, message } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import type { Page } from '../../api/types';
import { useSession } from '../../auth/use-session';
import { ProblemAlert } from '../../components/problem';
import { chinaToday, formatDateTime, formatYuan } from '../../i18n/format';
import { yuanToFen } from './checks';
import { CommandDialog, type DialogSpec } from './command';
import { EmployerFields, PartyFields, daysBetween, partiesBody, yuanRule } from './fields';
import { recordsEn } from '../../i18n/records.en';
import { recordsZh } from '../../i18n/records.zh';
import { SortSelect, useListParams } from './list-controls';
import { ToneTag } from './ToneTag';
import { useDeskI18n, type DeskKey, type DeskTranslate } from './i18n';

/** This chunk's own strings. */
const RECORDS = { zh: recordsZh, en: recordsEn };
import { EvidencePanel } from './EvidencePanel';
import { RecordDocuments } from './RecordDocuments';
import { CATEGORIES, SUB_DISTRICTS, getJson, getVersioned, useMediators, type MediationItem, type TimelineItem } from './model';

const STATUSES = ['referred', 'in_progress', 'agreed', 'failed', 'withdrawn'] as const;
const STATUS_TONE = { referred: 'orange', in_progress: 'blue', agreed: 'green', failed: 'red', withdrawn: 'grey' } as const;
const SESSION_FORMS = ['in_person', 'phone', 'video'] as const;
const RUNNING = new Set(['referred', 'in_progress']);
/** The API's sort keys (list-mediations). */
const SORTS = ['deadlineOn', '-referredOn', 'referredOn', '-updatedAt', '-claimAmountFen', 'courtCaseNo'] as const;

/** Court-referred pre-litigation mediations (诉前调解): referral, sessions, agreement, judicial confirmation. */
export default function Mediations() {
  return (
    <Routes>
      <Route index element={<MediationList />} />
      <Route path=":id" element={<MediationDetail />} />
    </Routes>
  );
}

/** A clock's last day and how far it is, for a record whose clock runs. */
function ClockText({ lastDay, running }: { lastDay: string | null; running: boolean }) {
  const { t } = useDeskI18n(RECORDS);
  if (!lastDay) return null;
  if (!running) return <span>{lastDay}</span>;
  const days = daysBetween(chinaToday(), lastDay);
  const tone = days < 0 ? 'red' : days <= 3 ? 'orange' : 'blue';
  return (
    <ToneTag tone={tone} data-testid="clock">
      {t(days < 0 ? 'ws.clock.overdueBy' : 'ws.clock.daysLeft', { days: Math.abs(days), date: lastDay })}
    </ToneTag>
  );
}

function referSpec(t: DeskTranslate, label: (g: string, c: string) => string, subDistrict: string | null): DialogSpec {
  const required = [{ required: true, message: t('field.required') }];
  const today = dayjs(chinaToday());
  return {
    title: t('desk.mediations.refer'),
    path: '/api/v1/mediations',
    duplicateLabel: t('desk.dup.existingMediation'),
    fieldMap: { claimAmountFen: 'claimAmountYuan' },
    initialValues: { subDistrict: subDistrict ?? 'pinghu', category: 'wage_arrears', referredOn: today, workers: [{}] },
    body: (v) => ({
      court: v.court.trim(),
      courtCaseNo: v.courtCaseNo.trim(),
      referredOn: v.referredOn.format('YYYY-MM-DD'),
      subDistrict: v.subDistrict,
      category: v.category,
      employer: { name: v.employer.name.trim(), creditCode: v.employer.creditCode.trim() },
      workers: partiesBody(v.workers),
      claimAmountFen: yuanToFen(v.claimAmountYuan ?? '0') ?? 0,
    }),
    fields: (
      <>
        <Form.Item name="court" label={t('desk.field.court')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="courtCaseNo" label={t('desk.field.courtCaseNo')} rules={required}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="referredOn" label={t('desk.field.referredOn')} rules={required}>
            <DatePicker disabledDate={(d) => d.isAfter(today, 'day')} />
          </Form.Item>
          <Form.Item name="subDistrict" label={t('ws.field.subDistrict')} rules={required}>
            <Select style={{ width: 140 }} disabled={subDistrict !== null} options={SUB_DISTRICTS.map((s) => ({ value: s, label: label('subDistrict', s) }))} />
          </Form.Item>
          <Form.Item name="category" label={t('ws.field.category')} rules={required}>
            <Select style={{ width: 180 }} options={CATEGORIES.map((c) => ({ value: c, label: label('category', c) }))} />
          </Form.Item>
        </Space>
        <EmployerFields required />
        <Form.Item name="claimAmountYuan" label={t('desk.field.claimAmountYuan')} rules={[yuanRule(t('ws.field.amountInvalid'))]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <PartyFields name="workers" title={t('desk.mediation.workers')} add={t('desk.field.addWorker')} remove={t('desk.field.removeWorker')} />
      </>
    ),
  };
}

function MediationList() {
  const { t, label, language } = useDeskI18n(RECORDS);
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: mediators } = useMediators();
  const names = new Map((mediators?.items ?? []).map((m) => [m.id, m.displayName || m.username]));
  const { params, set, page } = useListParams();
  const [referring, setReferring] = useState(false);
  const status = params.get('status') ?? 'all';
  const q = params.get('q') ?? '';
  const mine = params.get('mine') === '1';
  // Running ones by their deadline, the nearest first; the others newest referral first, unless the user chose.
  const sort = params.get('sort') ?? (RUNNING.has(status) ? 'deadlineOn' : '-referredOn');
  const query = new URLSearchParams({
    ...(status !== 'all' ? { status } : {}),
    ...(q ? { q } : {}),
    ...(mine ? { mediatorId: 'me' } : {}),
    sort,
    page: String(page),
    pageSize: '20',
  });
  const list = useQuery({
    queryKey: ['mediations', status, query.toString()],
    queryFn: () => getJson<Page<MediationItem>>(`/api/v1/mediations?${query}`),
    placeholderData: keepPreviousData,
  });

  return (
    <section aria-labelledby="mediations-title">
      <Typography.Title level={1} id="mediations-title" style={{ fontSize: 24 }}>
        {t('desk.mediations.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search aria-label={t('desk.mediations.search')} placeholder={t('desk.mediations.search')} defaultValue={q} allowClear onSearch={(v) => set({ q: v.trim() })} style={{ width: 280 }} />
        <Select
          aria-label={t('ws.filter.status')}
          value={status}
          onChange={(v) => set({ status: v })}
          style={{ width: 160 }}
          options={[
            { value: 'all', label: t('ws.filter.all') },
            ...STATUSES.map((s) => ({ value: s, label: label('mediationStatus', s) })),
          ]}
        />
        <SortSelect label={t('ws.filter.sort')} value={sort} sorts={SORTS} wordFor={(s) => t(`desk.mediations.sort.${s}` as DeskKey)} onChange={(v) => set({ sort: v })} />
        <Button onClick={() => set({ mine: mine ? null : '1' })} aria-pressed={mine}>
          {t('ws.filter.mine')}
        </Button>
        <Button type="primary" onClick={() => setReferring(true)}>
          {t('desk.mediations.refer')}
        </Button>
      </Space>
      <ProblemAlert error={list.error} />
      <Table<MediationItem>
        rowKey="id"
        loading={list.isFetching && !list.data}
        dataSource={list.data?.items ?? []}
        scroll={{ x: true }}
        locale={{ emptyText: t('desk.mediations.empty') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (p) => set({ page: String(p) }), showSizeChanger: false }}
        columns={[
          { title: t('desk.col.courtCaseNo'), key: 'courtCaseNo', render: (_, m) => <Link to={`/workspace/mediations/${m.id}`}>{m.courtCaseNo}</Link> },
          { title: t('desk.col.court'), dataIndex: 'court' },
          { title: t('ws.col.employer'), key: 'employer', render: (_, m) => m.employer.name },
          { title: t('ws.col.category'), key: 'category', render: (_, m) => label('category', m.category) },
          { title: t('ws.col.workers'), key: 'workers', render: (_, m) => m.workers.length },
          { title: t('desk.col.claimAmount'), key: 'claim', align: 'right', render: (_, m) => formatYuan(language, m.claimAmountFen) },
          { title: t('desk.col.referredOn'), dataIndex: 'referredOn' },
          { title: t('desk.col.deadlineOn'), key: 'deadline', render: (_, m) => <ClockText lastDay={m.deadlineOn} running={RUNNING.has(m.status)} /> },
          { title: t('ws.col.status'), key: 'status', render: (_, m) => <ToneTag tone={STATUS_TONE[m.status]}>{label('mediationStatus', m.status)}</ToneTag> },
          { title: t('desk.col.mediator'), key: 'mediator', render: (_, m) => (m.mediatorId ? names.get(m.mediatorId) ?? '' : t('ws.case.unassigned')) },
        ]}
      />
      {referring ? (
        <CommandDialog<{ id: string }>
          spec={referSpec(t, label, session?.user.subDistrict ?? null)}
          version={null}
          refresh={() => queryClient.invalidateQueries({ queryKey: ['mediations'] })}
          onClose={() => setReferring(false)}
          onDone={(referred) => {
            setReferring(false);
            void message.success(t('desk.mediations.referred'));
            void queryClient.invalidateQueries({ queryKey: ['mediations'] });
            navigate(`/workspace/mediations/${referred.id}`);
          }}
        />
      ) : null}
    </section>
  );
}

type MediationAction = 'takeIt' | 'assign' | 'holdSession' | 'extend' | 'agree' | 'judicial' | 'fail' | 'withdraw';

/** What can be done to a mediation in its state (the server decides; the page offers only these). */
function actionsFor(m: MediationItem, user: { id: string; role: string; subDistrict: string | null } | undefined): MediationAction[] {
  const actions: MediationAction[] = [];
  if (RUNNING.has(m.status)) {
    if (!m.mediatorId && user?.role === 'mediator' && user.subDistrict === m.subDistrict) actions.push('takeIt');
    actions.push('holdSession');
    if (m.extraDays === 0) actions.push('extend');
    actions.push('agree', 'fail', 'withdraw');
    if (user?.role === 'supervisor' || user?.role === 'admin') actions.push('assign');
  }
  if (m.status === 'agreed' && (m.judicialConfirmation === 'not_applied' || m.judicialConfirmation === 'applied')) actions.push('judicial');
  return actions;
}

function MediationDetail() {
  const { id = '' } = useParams();
  const { t, label, language } = useDeskI18n(RECORDS);
  const session = useSession();
  const queryClient = useQueryClient();
  const { data: mediators } = useMediators();
  const names = new Map((mediators?.items ?? []).map((m) => [m.id, m.displayName || m.username]));
  const [action, setAction] = useState<MediationAction | null>(null);
  const mediation = useQuery({ queryKey: ['mediation', id], queryFn: () => getVersioned<MediationItem>(`/api/v1/mediations/${id}`), staleTime: 0 });
  const timeline = useQuery({
    queryKey: ['mediation', id, 'timeline'],
    queryFn: () => getJson<{ events: TimelineItem[] }>(`/api/v1/mediations/${id}/timeline`),
    staleTime: 0,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['mediation', id] });

  if (mediation.isLoading) return <Spin />;
  if (mediation.error || !mediation.data) return <ProblemAlert error={mediation.error} />;
  const { record: m, version } = mediation.data;
  const required = [{ required: true, message: t('field.required') }];
  const today = dayjs(chinaToday());
  const notFuture = (d: dayjs.Dayjs) => d.isAfter(today, 'day');
  const path = (tail: string) => `/api/v1/mediations/${id}/${tail}`;
  const nameOf = (mediatorId: string | null) => (mediatorId ? names.get(mediatorId) ?? mediatorId.slice(0, 8) : t('ws.case.unassigned'));

  const specs: Record<MediationAction, DialogSpec> = {
    takeIt: { title: t('desk.assign.takeIt'), path: path('assignments'), body: () => ({ mediatorId: 'me' }), intro: <Typography.Paragraph>{t('desk.assign.takeItConfirm')}</Typography.Paragraph> },
    assign: {
      title: m.mediatorId ? t('desk.assign.reassign') : t('desk.assign.assign'),
      path: path('assignments'),
      body: (v) => ({ mediatorId: v.mediatorId }),
      fields: (
        <Form.Item name="mediatorId" label={t('desk.assign.mediator')} rules={required}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(mediators?.items ?? []).filter((x) => x.active && x.subDistrict === m.subDistrict).map((x) => ({ value: x.id, label: x.displayName || x.username }))}
          />
        </Form.Item>
      ),
    },
    holdSession: {
      title: t('desk.action.holdSession'),
      path: path('sessions'),
      initialValues: { heldOn: today, form: 'in_person' },
      body: (v) => ({ heldOn: v.heldOn.format('YYYY-MM-DD'), form: v.form, note: v.note }),
      fields: (
        <>
          <Form.Item name="heldOn" label={t('desk.field.heldOn')} rules={required}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="form" label={t('desk.field.form')} rules={required}>
            <Select options={SESSION_FORMS.map((f) => ({ value: f, label: label('sessionForm', f) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('ws.field.note')} rules={required}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </>
      ),
    },
    extend: {
      title: t('desk.action.extend'),
      path: path('extension'),
      initialValues: { extraDays: 15, agreedOn: today },
      body: (v) => ({ extraDays: v.extraDays, agreedOn: v.agreedOn.format('YYYY-MM-DD'), ...(v.note?.trim() ? { note: v.note.trim() } : {}) }),
      fields: (
        <>
          <Form.Item name="extraDays" label={t('desk.field.extraDays')} rules={required}>
            <InputNumber min={1} max={30} precision={0} />
          </Form.Item>
          <Form.Item name="agreedOn" label={t('desk.field.consentedOn')} rules={required}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="note" label={t('ws.field.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      ),
    },
    agree: {
      title: t('desk.action.agree'),
      path: path('agreement'),
      fieldMap: { amountFen: 'amountYuan' },
      initialValues: { agreedOn: today },
      body: (v) => ({ amountFen: yuanToFen(v.amountYuan), agreedOn: v.agreedOn.format('YYYY-MM-DD'), paymentTerms: v.paymentTerms }),
      fields: (
        <>
          <Form.Item name="amountYuan" label={t('desk.field.amountYuan')} rules={[...required, yuanRule(t('ws.field.amountInvalid'), true)]}>
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="agreedOn" label={t('desk.field.agreedOn')} rules={required}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="paymentTerms" label={t('desk.field.paymentTerms')} rules={required}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      ),
    },
    judicial: {
      title: t('desk.action.judicial'),
      path: path('judicial-confirmation'),
      initialValues: { status: m.judicialConfirmation === 'applied' ? 'granted' : 'applied', on: today },
      body: (v) => ({ status: v.status, on: v.on.format('YYYY-MM-DD') }),
      fields: (
        <>
          <Form.Item name="status" label={t('desk.field.judicialStep')} rules={required}>
            <Select
              options={(m.judicialConfirmation === 'applied' ? ['granted', 'refused'] : ['applied']).map((s) => ({ value: s, label: label('judicial', s) }))}
            />
          </Form.Item>
          <Form.Item name="on" label={t('desk.field.on')} rules={required}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
        </>
      ),
    },
    fail: {
      title: t('desk.action.fail'),
      path: path('failure'),
      initialValues: { failedOn: today },
      body: (v) => ({ reason: v.reason, failedOn: v.failedOn.format('YYYY-MM-DD') }),
      fields: (
        <>
          <Form.Item name="reason" label={t('ws.field.reason')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="failedOn" label={t('desk.field.failedOn')} rules={required}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
        </>
      ),
    },
    withdraw: {
      title: t('desk.action.withdraw'),
      path: path('withdrawal'),
      initialValues: { withdrawnOn: today },
      body: (v) => ({ withdrawnOn: v.withdrawnOn.format('YYYY-MM-DD'), ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) }),
      fields: (
        <>
          <Form.Item name="withdrawnOn" label={t('desk.field.withdrawnOn')} rules={required}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="reason" label={t('ws.field.reason')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      ),
    },
  };
  const actionLabel: Record<MediationAction, string> = {
    takeIt: t('desk.assign.takeIt'),
    assign: m.mediatorId ? t('desk.assign.reassign') : t('desk.assign.assign'),
    holdSession: t('desk.action.holdSession'),
    extend: t('desk.action.extend'),
    agree: t('desk.action.agree'),
    judicial: t('desk.action.judicial'),
    fail: t('desk.action.fail'),
    withdraw: t('desk.action.withdraw'),
  };

  return (
    <section aria-labelledby="mediation-title">
      <Link to="/workspace/mediations">{t('desk.mediation.back')}</Link>
      <Typography.Title level={1} id="mediation-title" style={{ fontSize: 24, marginTop: 8 }}>
        {t('desk.mediation.title', { courtCaseNo: m.courtCaseNo })}{' '}
        <ToneTag tone={STATUS_TONE[m.status]} data-testid="mediation-status">
          {label('mediationStatus', m.status)}
        </ToneTag>
      </Typography.Title>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
        data-testid="mediation-facts"
        items={[
          { key: 'court', label: t('desk.col.court'), children: m.court },
          { key: 'employer', label: t('ws.col.employer'), children: `${m.employer.name}（${m.employer.creditCode}）` },
          { key: 'category', label: t('ws.col.category'), children: label('category', m.category) },
          { key: 'subDistrict', label: t('ws.col.subDistrict'), children: label('subDistrict', m.subDistrict) },
          { key: 'referredOn', label: t('desk.col.referredOn'), children: m.referredOn },
          { key: 'claim', label: t('desk.col.claimAmount'), children: formatYuan(language, m.claimAmountFen) },
          {
            key: 'deadline',
            label: t('desk.mediation.deadline'),
            children: (
              <span data-testid="mediation-deadline">
                <ClockText lastDay={m.deadlineOn} running={RUNNING.has(m.status)} />
                {m.extraDays ? ` ${t('desk.mediation.extended', { days: m.extraDays })}` : ''}
              </span>
            ),
          },
          { key: 'mediator', label: t('ws.case.mediator'), children: <span data-testid="mediation-mediator">{nameOf(m.mediatorId)}</span> },
          { key: 'sessions', label: t('ws.case.version', { version }), children: <span data-testid="mediation-sessions">{t('desk.mediation.sessions', { count: m.sessionsHeld })}</span> },
          ...(m.agreedOn
            ? [
                {
                  key: 'agreement',
                  label: t('desk.mediation.agreement'),
                  children: (
                    <span data-testid="mediation-agreement">
                      {formatYuan(language, m.amountFen ?? 0)} · {m.agreedOn}
                      {m.paymentTerms ? ` · ${m.paymentTerms}` : ''}
                    </span>
                  ),
                },
                {
                  key: 'judicial',
                  label: t('desk.col.judicial'),
                  children: (
                    <span data-testid="mediation-judicial">
                      {label('judicial', m.judicialConfirmation)} {m.judicialConfirmationDecidedOn ?? m.judicialConfirmationAppliedOn ?? ''}
                    </span>
                  ),
                },
                {
                  key: 'judicialDeadline',
                  label: t('desk.mediation.judicialDeadline'),
                  children: <ClockText lastDay={m.judicialConfirmationDeadlineOn} running={m.judicialConfirmation === 'not_applied'} />,
                },
              ]
            : []),
          ...(m.failedOn ? [{ key: 'failure', label: t('desk.mediation.failure'), children: `${m.failedOn} · ${m.failureReason ?? ''}` }] : []),
          ...(m.withdrawnOn ? [{ key: 'withdrawal', label: t('desk.mediation.withdrawal'), children: `${m.withdrawnOn} ${m.withdrawalReason ?? ''}` }] : []),
          {
            key: 'workers',
            label: t('desk.mediation.workers'),
            span: 'filled' as const,
            children: m.workers.map((w) => [w.name, w.idNumber, w.phone].filter(Boolean).join(' ')).join('；'),
          },
        ]}
      />
      <Space wrap style={{ margin: '16px 0' }}>
        {actionsFor(m, session?.user).map((a) => (
          <Button key={a} type={a === 'takeIt' || a === 'holdSession' || a === 'judicial' ? 'primary' : 'default'} onClick={() => setAction(a)}>
            {actionLabel[a]}
          </Button>
        ))}
        <RecordDocuments record="mediations" id={id} documents={m.documents} fileStem={m.courtCaseNo} language={language} t={t} />
      </Space>

      <EvidencePanel record="mediations" id={id} onChanged={() => void refresh()} />

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
                {formatDateTime(language, e.recordedAt)} ·{' '}
                {e.actorId ? t('ws.timeline.by', { who: e.actor?.displayName ?? e.actor?.username ?? nameOf(e.actorId), role: label('role', e.actorRole) }) : t('ws.timeline.system')}
              </Typography.Text>
              {typeof e.data.note === 'string' && e.data.note ? <Typography.Paragraph style={{ margin: 0 }}>{e.data.note}</Typography.Paragraph> : null}
            </div>
          ),
        }))}
      />
      {action ? (
        <CommandDialog
          key={action}
          spec={specs[action]}
          version={version}
          refresh={refresh}
          onClose={() => setAction(null)}
          onDone={async () => {
            setAction(null);
            void message.success(action === 'takeIt' ? t('desk.assign.taken') : t('ws.action.done'));
            void queryClient.invalidateQueries({ queryKey: ['mediations'] });
            void queryClient.invalidateQueries({ queryKey: ['me', 'work'] });
            await refresh();
          }}
        />
      ) : null}
    </section>
  );
}

function describe(e: TimelineItem, t: DeskTranslate, label: (g: string, c: string | null | undefined) => string, language: 'zh' | 'en', nameOf: (id: string | null) => string): string {
  const d = e.data;
  switch (e.type) {
    case 'MediationMediatorAssigned':
      return t('desk.event.MediatorAssigned', { name: nameOf(typeof d.mediatorId === 'string' ? d.mediatorId : null) });
    case 'MediationSessionHeld':
      return `${label('sessionForm', String(d.form))} · ${String(d.heldOn ?? '')}`;
    case 'MediationExtended':
      return t('desk.event.MediationExtended', { days: Number(d.extraDays) });
    case 'MediationAgreementReached':
      return t('desk.event.MediationAgreementReached', { amount: formatYuan(language, Number(d.amountFen)) });
    case 'MediationFailed':
      return t('desk.event.MediationFailed', { reason: String(d.reason ?? '') });
    default: {
      const text = label('desk.event', e.type);
      return text || e.type;
    }
  }
}
