import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, answer } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { paths } from '../../api/schema';
import { useSession } from '../../auth/use-session';
import { ProblemAlert, showProblemOnForm } from '../../components/problem';
import { chinaToday } from '../../i18n/format';
import { creditCodeMessage, phoneMessage, residentIdMessage, yuanToFen } from './checks';
import { useDeskI18n } from './i18n';
import { CATEGORIES, CHANNELS, SUB_DISTRICTS, newKey } from './model';

/** The open case a 409 `duplicate` names: same employer, a claimant in common. */
interface PossibleDuplicate {
  id: string;
  caseNo: string;
  matchedBy: string[];
  values: Record<string, any>;
}

type OpenDisputeBody = paths['/api/v1/disputes']['post']['requestBody']['content']['application/json'];

/** API field names → the form's where they differ (the amount is typed in yuan). */
const FIELD_MAP: Record<string, string> = { amountClaimedFen: 'amountClaimedYuan' };

/**
 * Opening a case (受理登记). The credit code and ID numbers are checked as they are typed, with
 * the server's rules (./checks); whatever the server still refuses is shown next to its field.
 * One Idempotency-Key per filled form: a double click or a resend after a lost answer opens one case.
 * When the employer has an open case with a claimant in common, the server answers 409 naming it:
 * the page links to it and lets the user open this one anyway (`confirmDuplicate: true`, recorded
 * on the case).
 */
export function OpenCaseForm() {
  const { t, label, language, baseT } = useDeskI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [key, setKey] = useState(newKey);
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<Array<{ field: string; message: string }>>([]);
  const [saving, setSaving] = useState(false);
  const [duplicate, setDuplicate] = useState<PossibleDuplicate | null>(null);
  const required = [{ required: true, message: t('field.required') }];
  const check = (fn: (v: string) => string | undefined) => ({
    validator: async (_: unknown, value: string | undefined) => {
      const problem = value ? fn(value) : undefined;
      if (problem) throw new Error(problem);
    },
  });

  const submit = async (v: Record<string, any>, confirmDuplicate = false) => {
    setSaving(true);
    setError(null);
    setUnplaced([]);
    setDuplicate(null);
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
      ...(confirmDuplicate ? { confirmDuplicate: true } : {}),
    } as OpenDisputeBody;
    try {
      // The refused first attempt appended nothing; the confirmed one is a new request with its own key.
      const attemptKey = confirmDuplicate ? newKey() : key;
      const opened = await answer<{ id: string; caseNo: string }>(api.POST('/api/v1/disputes', { params: { header: { 'idempotency-key': attemptKey } }, body }));
      void message.success(t('ws.open.created', { caseNo: opened.caseNo }));
      setKey(newKey());
      navigate(`/workspace/cases/${opened.id}`);
    } catch (failure) {
      const existing = failure instanceof ApiProblem && failure.status === 409 && failure.code === 'duplicate' ? failure.problem.existing : undefined;
      if (existing?.kind === 'dispute') {
        setDuplicate({ id: existing.id, caseNo: String(existing.caseNo ?? ''), matchedBy: Array.isArray(existing.matchedBy) ? existing.matchedBy.map(String) : [], values: v });
      } else {
        setError(failure);
        setUnplaced(showProblemOnForm(form, failure, language, baseT, FIELD_MAP));
      }
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
      {duplicate ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="possible-duplicate"
          title={t('desk.dup.title')}
          description={
            <>
              <p>{t('desk.dup.body', { caseNo: duplicate.caseNo, matchedBy: duplicate.matchedBy.map((m) => label('desk.dup.matchedBy', m)).join(language === 'zh' ? '、' : ', ') })}</p>
              <Space wrap>
                <Link to={`/workspace/cases/${duplicate.id}`}>{t('desk.dup.open', { caseNo: duplicate.caseNo })}</Link>
                <Button onClick={() => void submit(duplicate.values, true)} loading={saving}>
                  {t('desk.dup.confirm')}
                </Button>
              </Space>
            </>
          }
          style={{ marginBottom: 16, maxWidth: 720 }}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        name="open-case"
        onFinish={(v) => submit(v)}
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
