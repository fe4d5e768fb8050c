import { Button, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { Page } from '../../api/types';
import { ProblemAlert, localFieldMessage } from '../../components/problem';
import { useAdminI18n as useI18n } from './i18n';
import { formatDateTime } from '../../i18n/format';
import { codesFromText, commandHeaders, idempotencyKey, isStale, placeProblem, SUB_DISTRICTS, useListAfterWrites } from './common';

/** libs/alerts InformantListItem (GET /api/v1/informants). */
export interface InformantItem {
  id: string;
  name: string;
  /** Masked in the list. */
  phone: string;
  subDistrict: string;
  enterprises: string[];
  enterpriseCount: number;
  active: boolean;
  deactivationReason: string | null;
  alertsSubmitted: number;
  lastAlertAt: string | null;
  registeredAt: string;
  version: number;
}

interface Filters {
  q?: string;
  subDistrict?: string;
  active?: 'true' | 'false';
  page: number;
}

const PAGE_SIZE = 20;
type Dialog = { kind: 'register' } | { kind: 'enterprises'; informant: InformantItem } | { kind: 'deactivate'; informant: InformantItem } | null;

export function InformantsSection() {
  const { t, label, language } = useI18n();
  const [filters, setFilters] = useState<Filters>({ page: 1 });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, contextHolder] = message.useMessage();
  const { list, awaitWrite } = useListAfterWrites<InformantItem>(['admin', 'informants', filters], () =>
    answer<Page<InformantItem>>(
      api.GET('/api/v1/informants', {
        params: { query: { q: filters.q || undefined, subDistrict: filters.subDistrict as never, active: filters.active, page: filters.page, pageSize: PAGE_SIZE } },
      }),
    ),
  );

  const columns: ColumnsType<InformantItem> = [
    { title: t('admin.informantName'), dataIndex: 'name', key: 'name' },
    { title: t('admin.phone'), dataIndex: 'phone', key: 'phone' },
    { title: t('admin.subDistrict'), dataIndex: 'subDistrict', key: 'subDistrict', render: (code: string) => label('subDistrict', code) },
    {
      title: t('admin.enterprises'),
      dataIndex: 'enterprises',
      key: 'enterprises',
      render: (codes: string[]) => (
        <Tooltip title={codes.join('\n')}>
          <span tabIndex={0}>{t('admin.enterpriseCount', { count: codes.length })}</span>
        </Tooltip>
      ),
    },
    { title: t('admin.alertsSubmitted'), dataIndex: 'alertsSubmitted', key: 'alertsSubmitted', align: 'right' },
    { title: t('admin.lastAlertAt'), dataIndex: 'lastAlertAt', key: 'lastAlertAt', render: (at: string | null) => formatDateTime(language, at) },
    {
      title: t('admin.state'),
      dataIndex: 'active',
      key: 'active',
      render: (active: boolean, item) => (
        <Tooltip title={item.deactivationReason ?? undefined}>
          <Tag className={active ? 'lc-admin-tag-active' : 'lc-admin-tag-inactive'}>{t(active ? 'admin.active' : 'admin.inactive')}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, informant) =>
        informant.active ? (
          <Space wrap size={4}>
            <Button size="small" onClick={() => setDialog({ kind: 'enterprises', informant })} aria-label={`${t('admin.editEnterprises')}：${informant.name}`}>
              {t('admin.editEnterprises')}
            </Button>
            <Button size="small" danger onClick={() => setDialog({ kind: 'deactivate', informant })} aria-label={`${t('admin.deactivate')}：${informant.name}`}>
              {t('admin.deactivate')}
            </Button>
          </Space>
        ) : null,
    },
  ];

  return (
    <section aria-labelledby="admin-informants">
      {contextHolder}
      <div className="lc-admin-head">
        <Typography.Title level={2} id="admin-informants" className="lc-admin-h2">
          {t('admin.informants')}
        </Typography.Title>
        <Button type="primary" onClick={() => setDialog({ kind: 'register' })}>
          {t('admin.newInformant')}
        </Button>
      </div>
      <div className="lc-admin-filters" role="search">
        <Input.Search
          allowClear
          aria-label={t('admin.searchInformants')}
          placeholder={t('admin.searchInformants')}
          enterButton={t('admin.search')}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined, page: 1 }))}
        />
        <Select
          allowClear
          aria-label={t('admin.subDistrict')}
          placeholder={t('admin.allSubDistricts')}
          value={filters.subDistrict}
          onChange={(subDistrict) => setFilters((f) => ({ ...f, subDistrict, page: 1 }))}
          options={SUB_DISTRICTS.map((code) => ({ value: code, label: label('subDistrict', code) }))}
        />
        <Select
          allowClear
          aria-label={t('admin.state')}
          placeholder={t('admin.allStates')}
          value={filters.active}
          onChange={(active) => setFilters((f) => ({ ...f, active, page: 1 }))}
          options={[
            { value: 'true', label: t('admin.active') },
            { value: 'false', label: t('admin.inactive') },
          ]}
        />
      </div>
      <ProblemAlert error={list.error} />
      <div className="lc-admin-scroll" tabIndex={0} role="region" aria-label={t('admin.informants')}>
      <Table<InformantItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching && !list.data}
        locale={{ emptyText: t('admin.empty') }}
        pagination={{
          current: filters.page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('admin.total', { total }),
          onChange: (page) => setFilters((f) => ({ ...f, page })),
        }}
      />
      </div>
      {dialog?.kind === 'register' && (
        <RegisterDialog
          onClose={() => setDialog(null)}
          onDone={(written, name) => {
            setDialog(null);
            awaitWrite(written);
            void notice.success(t('admin.informantRegistered', { name }));
          }}
        />
      )}
      {dialog?.kind === 'enterprises' && (
        <EnterprisesDialog
          informant={dialog.informant}
          onClose={() => setDialog(null)}
          onStale={() => void list.refetch()}
          onDone={(written) => {
            setDialog(null);
            awaitWrite(written);
            void notice.success(t('admin.enterprisesSaved', { name: dialog.informant.name }));
          }}
        />
      )}
      {dialog?.kind === 'deactivate' && (
        <DeactivateDialog
          informant={dialog.informant}
          onClose={() => setDialog(null)}
          onStale={() => void list.refetch()}
          onDone={(written) => {
            setDialog(null);
            awaitWrite(written);
            void notice.success(t('admin.informantDeactivated', { name: dialog.informant.name }));
          }}
        />
      )}
    </section>
  );
}

interface RegisterForm {
  username: string;
  password: string;
  name: string;
  phone: string;
  subDistrict: string;
  enterprises: string;
}

type Written = { id: string; version: number };

function RegisterDialog({ onClose, onDone }: { onClose(): void; onDone(written: Written, name: string): void }) {
  const { t, label, language } = useI18n();
  const [form] = Form.useForm<RegisterForm>();
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<Array<{ field: string; message: string }>>([]);
  const [saving, setSaving] = useState(false);
  const submit = async (values: RegisterForm) => {
    setSaving(true);
    setError(null);
    setUnplaced([]);
    const enterprises = codesFromText(values.enterprises);
    try {
      const written = await answer<Written>(
        api.POST('/api/v1/informants', {
          params: { header: idempotencyKey() },
          body: { username: values.username.trim(), password: values.password, name: values.name.trim(), phone: values.phone.trim(), subDistrict: values.subDistrict as never, enterprises },
        }),
      );
      onDone(written, values.name.trim());
    } catch (failure) {
      setError(failure);
      setUnplaced(placeProblem(form, failure, language, t, (m) => localFieldMessage(language, t, m), { field: 'enterprises', values: enterprises }));
    } finally {
      setSaving(false);
    }
  };
  const required = [{ required: true, whitespace: true, message: t('field.required') }];
  return (
    <Modal open title={t('admin.newInformant')} onCancel={onClose} okText={t('admin.save')} cancelText={t('admin.cancel')} confirmLoading={saving} onOk={() => form.submit()} destroyOnHidden>
      <ProblemAlert error={error} unplaced={unplaced} />
      <Form<RegisterForm> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('admin.informantName')} rules={required}>
          <Input autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t('admin.phone')} rules={required}>
          <Input autoComplete="off" inputMode="tel" />
        </Form.Item>
        <Form.Item name="subDistrict" label={t('admin.subDistrict')} rules={[{ required: true, message: t('field.required') }]}>
          <Select options={SUB_DISTRICTS.map((code) => ({ value: code, label: label('subDistrict', code) }))} />
        </Form.Item>
        <Form.Item name="enterprises" label={t('admin.enterprises')} extra={t('admin.enterprisesHelp')} rules={required}>
          <Input.TextArea rows={3} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="username" label={t('admin.username')} extra={t('admin.usernameHelp')} rules={required}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="password" label={t('admin.password')} extra={t('admin.passwordHelp')} rules={[{ required: true, message: t('field.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EnterprisesDialog({ informant, onClose, onDone, onStale }: { informant: InformantItem; onClose(): void; onDone(written: Written): void; onStale(): void }) {
  const { t, language } = useI18n();
  const [form] = Form.useForm<{ enterprises: string }>();
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<Array<{ field: string; message: string }>>([]);
  const [saving, setSaving] = useState(false);
  const submit = async (values: { enterprises: string }) => {
    setSaving(true);
    setError(null);
    setUnplaced([]);
    const enterprises = codesFromText(values.enterprises);
    try {
      const written = await answer<Written>(
        api.PUT('/api/v1/informants/{id}/enterprises', { params: { path: { id: informant.id }, header: commandHeaders(informant.version) }, body: { enterprises } }),
      );
      onDone({ id: informant.id, version: written.version });
    } catch (failure) {
      setError(failure);
      setUnplaced(placeProblem(form, failure, language, t, (m) => localFieldMessage(language, t, m), { field: 'enterprises', values: enterprises }));
      if (isStale(failure)) onStale();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('admin.editEnterprisesTitle', { name: informant.name })} onCancel={onClose} okText={t('admin.save')} cancelText={t('admin.cancel')} confirmLoading={saving} onOk={() => form.submit()} destroyOnHidden>
      <ProblemAlert error={error} unplaced={unplaced} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ enterprises: informant.enterprises.join('\n') }}>
        <Form.Item name="enterprises" label={t('admin.enterprises')} extra={t('admin.enterprisesHelp')} rules={[{ required: true, whitespace: true, message: t('field.required') }]}>
          <Input.TextArea rows={6} autoComplete="off" spellCheck={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DeactivateDialog({ informant, onClose, onDone, onStale }: { informant: InformantItem; onClose(): void; onDone(written: Written): void; onStale(): void }) {
  const { t, language } = useI18n();
  const [form] = Form.useForm<{ reason?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (values: { reason?: string }) => {
    setSaving(true);
    setError(null);
    try {
      const written = await answer<Written>(
        api.POST('/api/v1/informants/{id}/deactivation', {
          params: { path: { id: informant.id }, header: commandHeaders(informant.version) },
          body: values.reason?.trim() ? { reason: values.reason.trim() } : {},
        }),
      );
      onDone({ id: informant.id, version: written.version });
    } catch (failure) {
      setError(failure);
      placeProblem(form, failure, language, t, (m) => localFieldMessage(language, t, m));
      if (isStale(failure)) onStale();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('admin.deactivateInformant', { name: informant.name })}
      onCancel={onClose}
      okText={t('admin.deactivate')}
      okButtonProps={{ danger: true }}
      cancelText={t('admin.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ProblemAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('admin.deactivationReason')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
