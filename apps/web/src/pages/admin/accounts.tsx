import { Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { Page } from '../../api/types';
import { ProblemAlert, localFieldMessage } from '../../components/problem';
import { useAdminI18n as useI18n } from './i18n';
import { formatDateTime } from '../../i18n/format';
import { commandHeaders, idempotencyKey, isStaffRole, isStale, placeProblem, ROLES, STAFF_ROLES, SUB_DISTRICT_RULE, SUB_DISTRICTS, useListAfterWrites, type AccountRole, type StaffRole } from './common';

/** libs/accounts AccountView (GET /api/v1/users). */
export interface Account {
  id: string;
  username: string;
  role: AccountRole;
  subDistrict: string | null;
  displayName: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

interface Filters {
  q?: string;
  role?: AccountRole;
  subDistrict?: string;
  active?: 'true' | 'false';
  page: number;
}

const PAGE_SIZE = 20;
/** The form's "whole district" choice; the API's null. */
const DISTRICT = '';

type Dialog = { kind: 'create' } | { kind: 'edit'; account: Account } | { kind: 'password'; account: Account } | null;

export function AccountsSection() {
  const { t, label, language } = useI18n();
  const [filters, setFilters] = useState<Filters>({ page: 1 });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, contextHolder] = message.useMessage();
  const { list, awaitWrite } = useListAfterWrites<Account>(['admin', 'users', filters], () =>
    answer<Page<Account>>(
      api.GET('/api/v1/users', {
        params: { query: { q: filters.q || undefined, role: filters.role, subDistrict: filters.subDistrict as never, active: filters.active, page: filters.page, pageSize: PAGE_SIZE, sort: 'username' } },
      }),
    ),
  );

  const setActive = async (account: Account, active: boolean) => {
    setError(null);
    try {
      const written = await answer<{ id: string; version: number }>(
        api.PATCH('/api/v1/users/{id}', { params: { path: { id: account.id }, header: commandHeaders(account.version) }, body: { active } }),
      );
      awaitWrite(written);
      void notice.success(t(active ? 'admin.reactivated' : 'admin.deactivated', { username: account.username }));
    } catch (failure) {
      setError(failure);
      if (isStale(failure)) void list.refetch();
    }
  };

  const columns: ColumnsType<Account> = [
    { title: t('admin.username'), dataIndex: 'username', key: 'username' },
    { title: t('admin.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('admin.role'), dataIndex: 'role', key: 'role', render: (role: AccountRole) => t(`role.${role}`) },
    {
      title: t('admin.subDistrict'),
      dataIndex: 'subDistrict',
      key: 'subDistrict',
      render: (code: string | null) => (code ? label('subDistrict', code) : t('account.district')),
    },
    {
      title: t('admin.state'),
      dataIndex: 'active',
      key: 'active',
      render: (active: boolean) => <Tag className={active ? 'lc-admin-tag-active' : 'lc-admin-tag-inactive'}>{t(active ? 'admin.active' : 'admin.inactive')}</Tag>,
    },
    { title: t('admin.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (at: string) => formatDateTime(language, at) },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, account) => (
        <Space wrap size={4}>
          <Button size="small" onClick={() => setDialog({ kind: 'edit', account })} aria-label={`${t('admin.editAccount')}：${account.username}`}>
            {t('admin.editAccount')}
          </Button>
          <Button size="small" onClick={() => setDialog({ kind: 'password', account })} aria-label={`${t('admin.resetPassword')}：${account.username}`}>
            {t('admin.resetPassword')}
          </Button>
          <Popconfirm
            title={t(account.active ? 'admin.deactivateConfirm' : 'admin.reactivateConfirm', { username: account.username })}
            okText={t('admin.yes')}
            cancelText={t('admin.no')}
            onConfirm={() => setActive(account, !account.active)}
          >
            <Button size="small" danger={account.active} aria-label={`${t(account.active ? 'admin.deactivate' : 'admin.reactivate')}：${account.username}`}>
              {t(account.active ? 'admin.deactivate' : 'admin.reactivate')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <section aria-labelledby="admin-accounts">
      {contextHolder}
      <div className="lc-admin-head">
        <Typography.Title level={2} id="admin-accounts" className="lc-admin-h2">
          {t('admin.accounts')}
        </Typography.Title>
        <Button type="primary" onClick={() => setDialog({ kind: 'create' })} data-testid="new-account">
          {t('admin.newAccount')}
        </Button>
      </div>
      <div className="lc-admin-filters" role="search">
        <Input.Search
          allowClear
          aria-label={t('admin.searchAccounts')}
          placeholder={t('admin.searchAccounts')}
          enterButton={t('admin.search')}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined, page: 1 }))}
        />
        <Select
          allowClear
          aria-label={t('admin.role')}
          placeholder={t('admin.allRoles')}
          value={filters.role}
          onChange={(role) => setFilters((f) => ({ ...f, role, page: 1 }))}
          options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
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
      <ProblemAlert error={error ?? list.error} />
      <div className="lc-admin-scroll" tabIndex={0} role="region" aria-label={t('admin.accounts')}>
      <Table<Account>
        data-testid="accounts"
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
      {dialog?.kind === 'create' && (
        <CreateAccountDialog
          onClose={() => setDialog(null)}
          onCreated={(written, username) => {
            setDialog(null);
            awaitWrite(written);
            void notice.success(t('admin.accountCreated', { username }));
          }}
        />
      )}
      {dialog?.kind === 'edit' && (
        <EditAccountDialog
          account={dialog.account}
          onClose={() => setDialog(null)}
          onStale={() => void list.refetch()}
          onSaved={(written) => {
            setDialog(null);
            awaitWrite(written);
            void notice.success(t('admin.saved'));
          }}
        />
      )}
      {dialog?.kind === 'password' && (
        <ResetPasswordDialog
          account={dialog.account}
          onClose={() => setDialog(null)}
          onStale={() => void list.refetch()}
          onSaved={(written) => {
            setDialog(null);
            awaitWrite(written);
            void notice.success(t('admin.passwordReset', { username: dialog.account.username }));
          }}
        />
      )}
    </section>
  );
}

/** The sub-district picker, offered as the role allows: required, optional (whole district) or none. */
function SubDistrictField({ role }: { role: AccountRole | undefined }) {
  const { t, label } = useI18n();
  const rule = role ? SUB_DISTRICT_RULE[role] : 'optional';
  if (rule === 'forbidden') return null;
  const options = SUB_DISTRICTS.map((code) => ({ value: code, label: label('subDistrict', code) }));
  return (
    <Form.Item
      name="subDistrict"
      label={t('admin.subDistrict')}
      extra={rule === 'required' ? t('admin.subDistrictRequired') : undefined}
      rules={rule === 'required' ? [{ required: true, message: t('field.required') }] : []}
    >
      <Select options={rule === 'optional' ? [{ value: DISTRICT, label: t('admin.subDistrictDistrict') }, ...options] : options} />
    </Form.Item>
  );
}

interface CreateForm {
  username: string;
  displayName?: string;
  password: string;
  role: StaffRole;
  subDistrict?: string;
}

function CreateAccountDialog({ onClose, onCreated }: { onClose(): void; onCreated(written: { id: string; version: number }, username: string): void }) {
  const { t, language } = useI18n();
  const [form] = Form.useForm<CreateForm>();
  const role = Form.useWatch('role', form);
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<Array<{ field: string; message: string }>>([]);
  const [saving, setSaving] = useState(false);
  const submit = async (values: CreateForm) => {
    setSaving(true);
    setError(null);
    setUnplaced([]);
    try {
      const subDistrict = SUB_DISTRICT_RULE[values.role] === 'forbidden' || !values.subDistrict ? undefined : values.subDistrict;
      const written = await answer<{ id: string; version: number }>(
        api.POST('/api/v1/users', {
          params: { header: idempotencyKey() },
          body: { username: values.username.trim(), password: values.password, role: values.role, subDistrict: subDistrict as never, displayName: values.displayName?.trim() || undefined },
        }),
      );
      onCreated(written, values.username.trim());
    } catch (failure) {
      setError(failure);
      setUnplaced(placeProblem(form, failure, language, t, (m) => localFieldMessage(language, t, m)));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('admin.newAccount')} onCancel={onClose} okText={t('admin.save')} cancelText={t('admin.cancel')} confirmLoading={saving} onOk={() => form.submit()} destroyOnHidden>
      <ProblemAlert error={error} unplaced={unplaced} />
      <Form<CreateForm> form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'mediator' }} requiredMark>
        <Form.Item name="username" label={t('admin.username')} extra={t('admin.usernameHelp')} rules={[{ required: true, whitespace: true, message: t('field.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.displayName')} preserve={false}>
          <Input autoComplete="off" maxLength={60} />
        </Form.Item>
        <Form.Item name="password" label={t('admin.password')} extra={t('admin.passwordHelp')} rules={[{ required: true, message: t('field.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {/* Informants are registered in the informant registry, which makes their account with their entry. */}
        <Form.Item name="role" label={t('admin.role')} rules={[{ required: true, message: t('field.required') }]}>
          <Select options={STAFF_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <SubDistrictField role={role} />
      </Form>
    </Modal>
  );
}

interface EditForm {
  role: AccountRole;
  subDistrict?: string;
  displayName?: string;
}

function EditAccountDialog({ account, onClose, onSaved, onStale }: { account: Account; onClose(): void; onSaved(written: { id: string; version: number }): void; onStale(): void }) {
  const { t, language } = useI18n();
  const [form] = Form.useForm<EditForm>();
  const role = Form.useWatch('role', form);
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<Array<{ field: string; message: string }>>([]);
  const [saving, setSaving] = useState(false);
  const submit = async (values: EditForm) => {
    setSaving(true);
    setError(null);
    setUnplaced([]);
    try {
      const rule = SUB_DISTRICT_RULE[values.role];
      const subDistrict = rule === 'forbidden' || !values.subDistrict ? null : values.subDistrict;
      const written = await answer<{ id: string; version: number }>(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: account.id }, header: commandHeaders(account.version) },
          // PATCH /users takes staff roles only: an informant's account is sent without its role, which it keeps.
          body: { ...(isStaffRole(values.role) ? { role: values.role } : {}), subDistrict: subDistrict as never, ...(values.displayName?.trim() ? { displayName: values.displayName.trim() } : {}) },
        }),
      );
      onSaved(written);
    } catch (failure) {
      setError(failure);
      setUnplaced(placeProblem(form, failure, language, t, (m) => localFieldMessage(language, t, m)));
      if (isStale(failure)) onStale();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('admin.editAccountTitle', { username: account.username })} onCancel={onClose} okText={t('admin.save')} cancelText={t('admin.cancel')} confirmLoading={saving} onOk={() => form.submit()} destroyOnHidden>
      <ProblemAlert error={error} unplaced={unplaced} />
      <Form<EditForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ role: account.role, subDistrict: account.subDistrict ?? DISTRICT, displayName: account.displayName ?? '' }}
      >
        <Form.Item name="role" label={t('admin.role')} rules={[{ required: true, message: t('field.required') }]}>
          <Select
            disabled={!isStaffRole(account.role)}
            options={(isStaffRole(account.role) ? STAFF_ROLES : ROLES).map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
        </Form.Item>
        <SubDistrictField role={role} />
        {role !== 'informant' ? (
          <Form.Item name="displayName" label={t('admin.displayName')} preserve={false}>
            <Input autoComplete="off" maxLength={60} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function ResetPasswordDialog({ account, onClose, onSaved, onStale }: { account: Account; onClose(): void; onSaved(written: { id: string; version: number }): void; onStale(): void }) {
  const { t, language } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async ({ password }: { password: string }) => {
    setSaving(true);
    setError(null);
    try {
      const written = await answer<{ id: string; version: number }>(
        api.PATCH('/api/v1/users/{id}', { params: { path: { id: account.id }, header: commandHeaders(account.version) }, body: { password } }),
      );
      onSaved(written);
    } catch (failure) {
      setError(failure);
      placeProblem(form, failure, language, t, (m) => localFieldMessage(language, t, m));
      if (isStale(failure)) onStale();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('admin.resetPasswordTitle', { username: account.username })} onCancel={onClose} okText={t('admin.save')} cancelText={t('admin.cancel')} confirmLoading={saving} onOk={() => form.submit()} destroyOnHidden>
      <ProblemAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="password" label={t('admin.newPassword')} extra={t('admin.passwordHelp')} rules={[{ required: true, message: t('field.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
