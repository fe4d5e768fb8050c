import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, answer } from '../../api/client';
import type { paths } from '../../api/schema';
import { useSession } from '../../auth/use-session';
import { ProblemAlert, showProblemOnForm } from '../../components/problem';
import { useI18n } from '../../i18n';
import { chinaToday } from '../../i18n/format';
import { creditCodeMessage, phoneMessage, residentIdMessage, yuanToFen } from './checks';
import { CATEGORIES, CHANNELS, SUB_DISTRICTS, newKey } from './model';

type OpenDisputeBody = paths['/api/v1/disputes']['post']['requestBody']['content']['application/json'];

/** API field names → the form's where they differ (the amount is typed in yuan). */
const FIELD_MAP: Record<string, string> = { amountClaimedFen: 'amountClaimedYuan' };

/**
 * Opening a case (受理登记). The credit code and ID numbers are checked as they are typed, with
 * the server's rules (./checks); whatever the server still refuses is shown next to its field.
 * One Idempotency-Key per filled form: a double click or a resend after a lost answer opens one case.
 */
export function OpenCaseForm() {
  const { t, label, language } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [key, setKey] = useState(newKey);
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<Array<{ field: string; message: string }>>([]);
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, message: t('field.required') }];
  const check = (fn: (v: string) => string | undefined) => ({
    validator: async (_: unknown, value: string | undefined) => {
      const problem = value ? fn(value) : undefined;
      if (problem) throw new Error(problem);
    },
  });

  const submit = async (v: Record<string, any>) => {
    setSaving(true);
    setError(null);
    setUnplaced([]);
    const body = {
      channel: v.channel,
      subDistrict: v.subDistrict,
      employer: { name: v.employer.name.trim(), creditCode: v.employer.creditCode.trim().toUpperCase() },
      category: v.category,
      workersInvolved: v.workersInvolved,
      amountClaimedFen: yuanToFen(v.amountClaimedYuan ?? '0') ?? 0,
      summary: v.summary,
      openedOn: v.openedOn?.format('YYYY-MM-DD'),
      ...(v.infringementKnownOn ? { infringementKnownOn: v.infringementKnownOn.format('YYYY-MM-DD') } : {}),
      claimants: (v.claimants ?? []).map((c: Record<string, string | undefined>) => ({
        name: c.name!.trim(),
        ...(c.idNumber ? { idNumber: c.idNumber.trim().toUpperCase() } : {}),
        ...(c.phone ? { phone: c.phone.trim() } : {}),
      })),
    } as OpenDisputeBody;
    try {
      const opened = await answer<{ id: string; caseNo: string }>(api.POST('/api/v1/disputes', { params: { header: { 'idempotency-key': key } }, body }));
      void message.success(t('ws.open.created', { caseNo: opened.caseNo }));
      setKey(newKey());
      navigate(`/workspace/cases/${opened.id}`);
    } catch (failure) {
      setError(failure);
      setUnplaced(showProblemOnForm(form, failure, language, t, FIELD_MAP));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="open-title">
      <Typography.Title level={1} id="open-title" style={{ fontSize: 24 }}>
        {t('ws.open.title')}
      </Typography.Title>
      <ProblemAlert error={error} unplaced={unplaced} />
      <Form
        form={form}
        layout="vertical"
        name="open-case"
        onFinish={submit}
        initialValues={{
          channel: 'walk_in',
          subDistrict: session?.user.subDistrict ?? 'pinghu',
          category: 'wage_arrears',
          workersInvolved: 1,
          openedOn: dayjs(chinaToday()),
          claimants: [{}],
        }}
        style={{ maxWidth: 720 }}
      >
        <Space wrap size="large">
          <Form.Item name="channel" label={t('ws.field.channel')} rules={required}>
            <Select style={{ width: 180 }} options={CHANNELS.map((c) => ({ value: c, label: label('channel', c) }))} />
          </Form.Item>
          <Form.Item name="subDistrict" label={t('ws.field.subDistrict')} rules={required}>
            <Select
              style={{ width: 140 }}
              disabled={!!session?.user.subDistrict}
              options={SUB_DISTRICTS.map((s) => ({ value: s, label: label('subDistrict', s) }))}
            />
          </Form.Item>
          <Form.Item name="category" label={t('ws.field.category')} rules={required}>
            <Select style={{ width: 160 }} options={CATEGORIES.map((c) => ({ value: c, label: label('category', c) }))} />
          </Form.Item>
        </Space>
        <Form.Item name={['employer', 'name']} label={t('ws.field.employerName')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name={['employer', 'creditCode']}
          label={t('ws.field.creditCode')}
          rules={[...required, check((v) => creditCodeMessage(v, t))]}
          normalize={(v: string) => v?.toUpperCase()}
        >
          <Input maxLength={18} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="workersInvolved" label={t('ws.field.workersInvolved')} rules={required}>
            <InputNumber min={1} max={100000} precision={0} />
          </Form.Item>
          <Form.Item
            name="amountClaimedYuan"
            label={t('ws.field.amountClaimedYuan')}
            rules={[{ validator: async (_, v) => (v === undefined || v === '' || yuanToFen(v) !== undefined ? undefined : Promise.reject(new Error(t('ws.field.amountInvalid')))) }]}
          >
            <Input inputMode="decimal" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="openedOn" label={t('ws.field.openedOn')} rules={required}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(chinaToday()), 'day')} />
          </Form.Item>
          <Form.Item name="infringementKnownOn" label={t('ws.field.infringementKnownOn')}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(chinaToday()), 'day')} />
          </Form.Item>
        </Space>
        <Form.Item name="summary" label={t('ws.field.summary')} rules={required}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.List name="claimants">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card key={field.key} size="small" style={{ marginBottom: 12 }} title={`${t('ws.case.claimants')} ${index + 1}`}
                  extra={fields.length > 1 ? <Button type="link" onClick={() => remove(field.name)}>{t('ws.field.removeClaimant')}</Button> : null}>
                  <Form.Item name={[field.name, 'name']} label={t('ws.field.claimantName')} rules={required}>
                    <Input maxLength={50} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'idNumber']}
                    label={t('ws.field.idNumber')}
                    rules={[check((v) => residentIdMessage(v, t))]}
                    normalize={(v: string) => v?.toUpperCase()}
                  >
                    <Input maxLength={18} autoComplete="off" spellCheck={false} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'phone']} label={t('ws.field.phone')} rules={[check((v) => phoneMessage(v, t))]}>
                    <Input maxLength={20} inputMode="tel" />
                  </Form.Item>
                </Card>
              ))}
              <Button onClick={() => add({})} style={{ marginBottom: 16 }}>
                {t('ws.field.addClaimant')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('ws.open.submit')}
          </Button>
        </Form.Item>
      </Form>
    </section>
  );
}
