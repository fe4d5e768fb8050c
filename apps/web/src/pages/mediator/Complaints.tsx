import { Button, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Spin, Table, Typography, message } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import type { Page } from '../../api/types';
import { useSession } from '../../auth/use-session';
import { ProblemAlert } from '../../components/problem';
import { chinaToday, formatDateTime } from '../../i18n/format';
import { yuanToFen } from './checks';
import { CommandDialog, type DialogSpec } from './command';
import { EmployerFields, PartyFields, partiesBody, yuanRule } from './fields';
import { recordsEn } from '../../i18n/records.en';
import { recordsZh } from '../../i18n/records.zh';
import { SortSelect, useListParams } from './list-controls';
import { ToneTag } from './ToneTag';
import { useDeskI18n, type DeskKey, type DeskTranslate } from './i18n';

/** This chunk's own strings. */
const RECORDS = { zh: recordsZh, en: recordsEn };
import { CATEGORIES, CHANNELS, SUB_DISTRICTS, getJson, getVersioned, type ComplaintItem } from './model';

const STATUSES = ['received', 'handled', 'converted'] as const;
const SOURCES = ['hotline_12351', 'online_opinion', 'other'] as const;
/** The API's sort keys (list-complaints), newest first by default. */
const SORTS = ['-receivedAt', 'receivedAt', '-updatedAt', '-handledOn', 'workOrderNo'] as const;
const STATUS_TONE = { received: 'blue', handled: 'green', converted: 'purple' } as const;

/** Complaints (12351 work orders, online opinion...): received, then handled or converted into a case. */
export default function Complaints() {
  return (
    <Routes>
      <Route index element={<ComplaintList />} />
      <Route path=":id" element={<ComplaintDetail />} />
    </Routes>
  );
}

function receiveSpec(t: DeskTranslate, label: (g: string, c: string) => string, subDistrict: string | null): DialogSpec {
  const required = [{ required: true, message: t('field.required') }];
  return {
    title: t('desk.complaints.receive'),
    path: '/api/v1/complaints',
    duplicateLabel: t('desk.dup.existingComplaint'),
    initialValues: { source: 'hotline_12351', subDistrict: subDistrict ?? 'pinghu', receivedAt: dayjs() },
    body: (v) => ({
      source: v.source,
      ...(v.workOrderNo?.trim() ? { workOrderNo: v.workOrderNo.trim() } : {}),
      subDistrict: v.subDistrict,
      ...(v.employer?.name?.trim()
        ? { employer: { name: v.employer.name.trim(), ...(v.employer.creditCode?.trim() ? { creditCode: v.employer.creditCode.trim() } : {}) } }
        : {}),
      summary: v.summary,
      receivedAt: (v.receivedAt ?? dayjs()).toDate().toISOString(),
    }),
    fields: (
      <>
        <Form.Item name="source" label={t('desk.field.source')} rules={required}>
          <Select options={SOURCES.map((s) => ({ value: s, label: label('complaintSource', s) }))} />
        </Form.Item>
        <Form.Item noStyle dependencies={['source']}>
          {({ getFieldValue }) => (
            <Form.Item name="workOrderNo" label={t('desk.field.workOrderNo')} rules={getFieldValue('source') === 'hotline_12351' ? required : []}>
              <Input maxLength={64} autoComplete="off" />
            </Form.Item>
          )}
        </Form.Item>
        <Form.Item name="subDistrict" label={t('ws.field.subDistrict')} rules={required}>
          <Select disabled={subDistrict !== null} options={SUB_DISTRICTS.map((s) => ({ value: s, label: label('subDistrict', s) }))} />
        </Form.Item>
        <EmployerFields required={false} nameLabel={t('desk.field.employerName')} />
        <Form.Item name="summary" label={t('desk.col.summary')} rules={required}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="receivedAt" label={t('desk.field.receivedAt')} rules={required}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </>
    ),
  };
}

function ComplaintList() {
  const { t, label, language } = useDeskI18n(RECORDS);
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { params, set, page } = useListParams();
  const [receiving, setReceiving] = useState(false);
  const status = params.get('status') ?? 'received';
  const source = params.get('source') ?? '';
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? '-receivedAt';
  const query = new URLSearchParams({ ...(status !== 'all' ? { status } : {}), ...(source ? { source } : {}), ...(q ? { q } : {}), sort, page: String(page), pageSize: '20' });
  const list = useQuery({
    queryKey: ['complaints', query.toString()],
    queryFn: () => getJson<Page<ComplaintItem>>(`/api/v1/complaints?${query}`),
    placeholderData: keepPreviousData,
  });

  return (
    <section aria-labelledby="complaints-title">
      <Typography.Title level={1} id="complaints-title" style={{ fontSize: 24 }}>
        {t('desk.complaints.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search aria-label={t('desk.complaints.search')} placeholder={t('desk.complaints.search')} defaultValue={q} allowClear onSearch={(v) => set({ q: v.trim() })} style={{ width: 280 }} />
        <Select
          aria-label={t('ws.filter.status')}
          value={status}
          onChange={(v) => set({ status: v })}
          style={{ width: 140 }}
          options={[{ value: 'all', label: t('ws.filter.all') }, ...STATUSES.map((s) => ({ value: s, label: label('complaintStatus', s) }))]}
        />
        <Select
          aria-label={t('desk.col.source')}
          value={source}
          onChange={(v) => set({ source: v })}
          style={{ width: 140 }}
          options={[{ value: '', label: t('ws.filter.all') }, ...SOURCES.map((s) => ({ value: s, label: label('complaintSource', s) }))]}
        />
        <SortSelect label={t('ws.filter.sort')} value={sort} sorts={SORTS} wordFor={(s) => t(`desk.complaints.sort.${s}` as DeskKey)} onChange={(v) => set({ sort: v })} />
        <Button type="primary" onClick={() => setReceiving(true)}>
          {t('desk.complaints.receive')}
        </Button>
      </Space>
      <ProblemAlert error={list.error} />
      <Table<ComplaintItem>
        rowKey="id"
        loading={list.isFetching && !list.data}
        dataSource={list.data?.items ?? []}
        scroll={{ x: true }}
        locale={{ emptyText: t('desk.complaints.empty') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (p) => set({ page: String(p) }), showSizeChanger: false }}
        columns={[
          {
            title: t('desk.col.workOrderNo'),
            key: 'workOrderNo',
            render: (_, c) => <Link to={`/workspace/complaints/${c.id}`}>{c.workOrderNo ?? t('desk.complaint.noWorkOrder')}</Link>,
          },
          { title: t('desk.col.source'), key: 'source', render: (_, c) => label('complaintSource', c.source) },
          { title: t('ws.col.employer'), key: 'employer', render: (_, c) => c.employer?.name ?? '' },
          { title: t('desk.col.summary'), dataIndex: 'summary', ellipsis: true },
          { title: t('desk.col.receivedAt'), key: 'receivedAt', render: (_, c) => formatDateTime(language, c.receivedAt) },
          { title: t('ws.col.status'), key: 'status', render: (_, c) => <ToneTag tone={STATUS_TONE[c.status]}>{label('complaintStatus', c.status)}</ToneTag> },
        ]}
      />
      {receiving ? (
        <CommandDialog<{ id: string }>
          spec={receiveSpec(t, label, session?.user.subDistrict ?? null)}
          version={null}
          refresh={() => queryClient.invalidateQueries({ queryKey: ['complaints'] })}
          onClose={() => setReceiving(false)}
          onDone={(received) => {
            setReceiving(false);
            void message.success(t('desk.complaints.received'));
            void queryClient.invalidateQueries({ queryKey: ['complaints'] });
            navigate(`/workspace/complaints/${received.id}`);
          }}
        />
      ) : null}
    </section>
  );
}

type ComplaintAction = 'handle' | 'convert';

function ComplaintDetail() {
  const { id = '' } = useParams();
  const { t, label, language } = useDeskI18n(RECORDS);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<ComplaintAction | null>(null);
  const complaint = useQuery({ queryKey: ['complaint', id], queryFn: () => getVersioned<ComplaintItem>(`/api/v1/complaints/${id}`), staleTime: 0 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['complaint', id] });

  if (complaint.isLoading) return <Spin />;
  if (complaint.error || !complaint.data) return <ProblemAlert error={complaint.error} />;
  const { record: c, version } = complaint.data;
  const required = [{ required: true, message: t('field.required') }];
  const today = dayjs(chinaToday());

  const specs: Record<ComplaintAction, DialogSpec> = {
    handle: {
      title: t('desk.complaint.handle'),
      path: `/api/v1/complaints/${id}/handling`,
      initialValues: { handledOn: today },
      body: (v) => ({ note: v.note, handledOn: v.handledOn.format('YYYY-MM-DD') }),
      fields: (
        <>
          <Form.Item name="note" label={t('desk.field.handlingNote')} rules={required}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item name="handledOn" label={t('desk.field.handledOn')} rules={required}>
            <DatePicker disabledDate={(d) => d.isAfter(today, 'day')} />
          </Form.Item>
        </>
      ),
    },
    convert: {
      title: t('desk.complaint.convert'),
      path: `/api/v1/complaints/${id}/conversion`,
      fieldMap: { amountClaimedFen: 'amountClaimedYuan' },
      initialValues: {
        category: 'wage_arrears',
        channel: c.source === 'hotline_12351' ? 'hotline_12351' : c.source === 'online_opinion' ? 'online_opinion' : 'referral',
        workersInvolved: 1,
        summary: c.summary,
        employer: c.employer ?? undefined,
        openedOn: today,
        claimants: [{}],
      },
      body: (v) => ({
        category: v.category,
        channel: v.channel,
        workersInvolved: v.workersInvolved,
        amountClaimedFen: yuanToFen(v.amountClaimedYuan ?? '0') ?? 0,
        claimants: partiesBody(v.claimants),
        ...(v.employer?.name?.trim() && v.employer?.creditCode?.trim() ? { employer: { name: v.employer.name.trim(), creditCode: v.employer.creditCode.trim() } } : {}),
        ...(v.summary?.trim() ? { summary: v.summary.trim() } : {}),
        openedOn: v.openedOn.format('YYYY-MM-DD'),
      }),
      fields: (
        <>
          <Space wrap>
            <Form.Item name="category" label={t('ws.field.category')} rules={required}>
              <Select style={{ width: 180 }} options={CATEGORIES.map((k) => ({ value: k, label: label('category', k) }))} />
            </Form.Item>
            <Form.Item name="channel" label={t('ws.field.channel')} rules={required}>
              <Select style={{ width: 160 }} options={CHANNELS.map((k) => ({ value: k, label: label('channel', k) }))} />
            </Form.Item>
          </Space>
          <EmployerFields required={!c.employer?.creditCode} />
          <Space wrap>
            <Form.Item name="workersInvolved" label={t('ws.field.workersInvolved')} rules={required}>
              <InputNumber min={1} max={100000} precision={0} />
            </Form.Item>
            <Form.Item name="amountClaimedYuan" label={t('ws.field.amountClaimedYuan')} rules={[yuanRule(t('ws.field.amountInvalid'))]}>
              <Input inputMode="decimal" style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="openedOn" label={t('ws.field.openedOn')} rules={required}>
              <DatePicker disabledDate={(d) => d.isAfter(today, 'day')} />
            </Form.Item>
          </Space>
          <Form.Item name="summary" label={t('ws.field.summary')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <PartyFields name="claimants" title={t('ws.case.claimants')} add={t('ws.field.addClaimant')} remove={t('ws.field.removeClaimant')} />
        </>
      ),
    },
  };

  return (
    <section aria-labelledby="complaint-title">
      <Link to="/workspace/complaints">{t('desk.complaint.back')}</Link>
      <Typography.Title level={1} id="complaint-title" style={{ fontSize: 24, marginTop: 8 }}>
        {t('desk.complaint.title', { ref: c.workOrderNo ?? t('desk.complaint.noWorkOrder') })}{' '}
        <ToneTag tone={STATUS_TONE[c.status]} data-testid="complaint-status">
          {label('complaintStatus', c.status)}
        </ToneTag>
      </Typography.Title>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
        items={[
          { key: 'source', label: t('desk.col.source'), children: label('complaintSource', c.source) },
          { key: 'subDistrict', label: t('ws.col.subDistrict'), children: label('subDistrict', c.subDistrict) },
          { key: 'receivedAt', label: t('desk.col.receivedAt'), children: formatDateTime(language, c.receivedAt) },
          { key: 'employer', label: t('ws.col.employer'), children: c.employer ? [c.employer.name, c.employer.creditCode].filter(Boolean).join(' · ') : '' },
          { key: 'version', label: t('ws.case.version', { version }), children: c.handledOn ? `${t('desk.col.handledOn')} ${c.handledOn}` : '' },
          ...(c.disputeId ? [{ key: 'case', label: t('desk.complaint.case'), children: <Link to={`/workspace/cases/${c.disputeId}`} data-testid="complaint-case">{c.convertedOn}</Link> }] : []),
          ...(c.handlingNote ? [{ key: 'note', label: t('desk.col.handlingNote'), children: c.handlingNote }] : []),
          { key: 'summary', label: t('desk.col.summary'), span: 'filled' as const, children: c.summary },
        ]}
      />
      {c.status === 'received' ? (
        <Space wrap style={{ margin: '16px 0' }}>
          <Button type="primary" onClick={() => setAction('convert')}>
            {t('desk.complaint.convert')}
          </Button>
          <Button onClick={() => setAction('handle')}>{t('desk.complaint.handle')}</Button>
        </Space>
      ) : null}
      {action ? (
        <CommandDialog<{ id: string; caseNo?: string }>
          key={action}
          spec={specs[action]}
          version={version}
          refresh={refresh}
          onClose={() => setAction(null)}
          onDone={async (done) => {
            setAction(null);
            void queryClient.invalidateQueries({ queryKey: ['complaints'] });
            if (action === 'convert') {
              void message.success(t('desk.complaint.converted', { caseNo: done.caseNo ?? '' }));
              navigate(`/workspace/cases/${done.id}`);
              return;
            }
            void message.success(t('ws.action.done'));
            await refresh();
          }}
        />
      ) : null}
    </section>
  );
}
