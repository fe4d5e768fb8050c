import { Alert, Button, Checkbox, Form, Input, Radio, Space, Spin, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { api, answer } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { ALERT_SIGNALS, type AlertSignal, type InformantAlert, type MyInformantProfile, type Page, type SubmitAlertBody } from '../../api/types';
import { useSession } from '../../auth/use-session';
import { GradeTag } from '../../components/GradeTag';
import { ProblemAlert, localFieldMessage, problemMessage, showProblemOnForm } from '../../components/problem';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { flushOutbox, onOutboxChange, outboxItems, removeFromOutbox, saveToOutbox, sendNow, type OutboxItem } from './outbox';

/** Attaching photos: its own chunk, loaded when first opened (the informant's entry has a budget). */
const AlertPhotos = lazy(() => import('./AlertPhotos'));

interface AlertForm {
  enterpriseCode?: string;
  enterpriseName?: string;
  signals: AlertSignal[];
  workersAffected?: number;
  description?: string;
}

/** API field → this form's field, for errors shown next to the field they name. */
const FIELD_MAP = { 'enterprise.creditCode': 'enterpriseCode', 'enterprise.name': 'enterpriseName' };
const RESEND_EVERY_MS = 15_000;
/**
 * The signals as large checkboxes, in a group named for screen readers. Form.Item's aria-required
 * is not allowed on a group (axe: aria-allowed-attr), so it is left out here; the label says it.
 */
function SignalBoxes({
  value,
  onChange,
  options,
  groupLabel,
  id,
  'aria-invalid': invalid,
  'aria-describedby': describedBy,
}: {
  value?: AlertSignal[];
  onChange?: (value: AlertSignal[]) => void;
  options: Array<{ value: AlertSignal; label: string }>;
  groupLabel: string;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  return (
    <div id={id} role="group" aria-label={groupLabel} aria-invalid={invalid} aria-describedby={describedBy}>
      <Checkbox.Group className="lc-signals" value={value} onChange={(next) => onChange?.(next as AlertSignal[])}>
        {options.map((option) => (
          <Checkbox key={option.value} value={option.value} className="lc-signal">
            {option.label}
          </Checkbox>
        ))}
      </Checkbox.Group>
    </div>
  );
}

/** Up to this many enterprises, large radio buttons; more, the phone's own select. */
const RADIO_LIMIT = 8;

/** A plain <select> as a form control (value/onChange from Form.Item). */
function NativeSelect({ value, onChange, options, placeholder, id }: { value?: string; onChange?: (value: string) => void; options: Array<{ value: string; label: string }>; placeholder: string; id?: string }) {
  return (
    <select id={id} className="lc-native-select" value={value ?? ''} onChange={(event) => onChange?.(event.target.value)}>
      <option value="" disabled>
        {placeholder}
      </option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** Last answers kept on the phone, so that the page opened offline still has its picker and list. */
function remembered<T>(key: string): T | undefined {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}
function remember(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Full: the page still works online.
  }
}

function useOutbox(userId: string) {
  const [items, setItems] = useState<OutboxItem[]>([]);
  const reload = useCallback(() => {
    outboxItems(userId).then(setItems, () => setItems([]));
  }, [userId]);
  useEffect(() => {
    reload();
    return onOutboxChange(reload);
  }, [reload]);
  return { items, reload };
}

export default function InformantPage() {
  const session = useSession()!;
  const userId = session.user.id;
  const { t, label, language } = useI18n();
  const [form] = Form.useForm<AlertForm>();
  const queries = useQueryClient();
  const outbox = useOutbox(userId);
  const [notice, setNotice] = useState<{ type: 'success' | 'info'; text: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<Array<{ field: string; message: string }>>([]);
  const [saving, setSaving] = useState(false);
  const [photosOf, setPhotosOf] = useState<string | null>(null);

  const profileKey = `lc.informant.profile.${userId}`;
  const alertsKey = `lc.informant.alerts.${userId}`;
  const namesKey = `lc.informant.names.${userId}`;
  const profile = useQuery({
    queryKey: ['informants', 'me', userId],
    queryFn: async () => {
      const value = await answer<MyInformantProfile>(api.GET('/api/v1/informants/me'));
      remember(profileKey, value);
      return value;
    },
    initialData: () => remembered<MyInformantProfile>(profileKey),
    initialDataUpdatedAt: 0,
  });
  const [awaited, setAwaited] = useState<string[]>([]);
  const mine = useQuery({
    // The list is a read model, a moment behind the write: ask again until what was just sent is in it.
    refetchInterval: awaited.length ? 1500 : false,
    queryKey: ['alerts', 'mine', userId],
    queryFn: async () => {
      const value = await answer<Page<InformantAlert>>(api.GET('/api/v1/alerts/mine', { params: { query: { pageSize: 20 } } }));
      remember(alertsKey, value);
      return value;
    },
    initialData: () => remembered<Page<InformantAlert>>(alertsKey),
    initialDataUpdatedAt: 0,
  });

  const afterSending = useCallback(
    (sentIds: string[]) => {
      outbox.reload();
      if (sentIds.length === 0) return;
      // Whichever send delivered it (this form's, or a resend of what waited on the phone), say so.
      setNotice({ type: 'success', text: t('informant.sent', { id: sentIds[sentIds.length - 1].slice(0, 8) }) });
      setAwaited((ids) => [...ids, ...sentIds]);
      void queries.invalidateQueries({ queryKey: ['alerts', 'mine', userId] });
    },
    [outbox, queries, userId, t],
  );
  useEffect(() => {
    const listed = new Set((mine.data?.items ?? []).map((alert) => alert.id));
    if (awaited.some((id) => listed.has(id))) setAwaited((ids) => ids.filter((id) => !listed.has(id)));
  }, [mine.data, awaited]);

  // Resend what waits: now, whenever the network comes back, and every little while.
  const pending = outbox.items.filter((item) => item.state === 'pending').length;
  useEffect(() => {
    const flush = () => {
      flushOutbox(userId).then((results) => afterSending(results.flatMap((r) => ('sent' in r ? [r.sent.id] : []))), () => undefined);
    };
    flush();
    window.addEventListener('online', flush);
    const timer = pending > 0 ? window.setInterval(flush, RESEND_EVERY_MS) : undefined;
    return () => {
      window.removeEventListener('online', flush);
      if (timer) window.clearInterval(timer);
    };
  }, [userId, pending, afterSending]);

  const enterprises = profile.data?.enterprises ?? [];
  const knownNames = remembered<Record<string, string>>(namesKey) ?? {};
  const enterpriseLabel = (e: { creditCode: string; name: string | null }) => e.name ?? knownNames[e.creditCode] ?? e.creditCode;
  const chosen = Form.useWatch('enterpriseCode', form);
  const chosenName = enterprises.find((e) => e.creditCode === chosen)?.name ?? knownNames[chosen ?? ''];
  const needsName = Boolean(chosen) && !chosenName;

  const submit = async (values: AlertForm) => {
    if (!profile.data) return;
    setSaving(true);
    setError(null);
    setUnplaced([]);
    setNotice(null);
    const name = (chosenName ?? values.enterpriseName ?? '').trim();
    if (values.enterpriseName) remember(namesKey, { ...knownNames, [values.enterpriseCode!]: name });
    const body: SubmitAlertBody = {
      enterprise: { creditCode: values.enterpriseCode!, name },
      subDistrict: profile.data.subDistrict,
      signals: values.signals,
      workersAffected: values.workersAffected!,
      description: values.description!.trim(),
      observedAt: new Date().toISOString(),
    };
    try {
      // Saved first: from here on nothing typed is lost, whatever the network does.
      const item = await saveToOutbox(userId, body);
      form.resetFields();
      const result = await sendNow(userId, item.key);
      if (result && 'sent' in result) {
        afterSending([result.sent.id]);
      } else if (result && 'rejected' in result) {
        // Refused as it is: back into the form, with the server's reasons next to the fields.
        await removeFromOutbox(item.key);
        form.setFieldsValue(values);
        setError(result.rejected);
        setUnplaced(showProblemOnForm(form, result.rejected, language, t, FIELD_MAP));
      } else {
        setNotice({ type: 'info', text: t('informant.saved') });
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  if (profile.error && !profile.data) {
    const missing = profile.error instanceof ApiProblem && profile.error.status === 404;
    return <Alert type={missing ? 'warning' : 'error'} showIcon title={missing ? t('informant.noProfile') : problemMessage(profile.error, t)} />;
  }

  return (
    <div className="lc-narrow">
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('informant.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('informant.intro')}</Typography.Paragraph>

      {notice && <Alert type={notice.type} showIcon title={notice.text} role="status" style={{ marginBottom: 16 }} data-testid="informant-notice" />}
      <ProblemAlert error={error} unplaced={unplaced} />
      {profile.data && enterprises.length === 0 && <Alert type="warning" showIcon title={t('informant.noEnterprises')} style={{ marginBottom: 16 }} />}

      <section className="lc-panel">
        <Form<AlertForm> form={form} layout="vertical" onFinish={submit} initialValues={{ signals: [] }} aria-label={t('informant.title')} requiredMark>
          <Form.Item name="enterpriseCode" label={t('informant.enterprise')} rules={[{ required: true, message: t('field.required') }]}>
            {enterprises.length <= RADIO_LIMIT ? (
              <Radio.Group className="lc-enterprises" data-testid="enterprise-picker">
                {enterprises.map((e) => (
                  <Radio key={e.creditCode} value={e.creditCode} className="lc-enterprise">
                    {enterpriseLabel(e)}
                  </Radio>
                ))}
              </Radio.Group>
            ) : (
              // Many enterprises: the phone's own picker, which scrolls and searches better than a list.
              <NativeSelect placeholder={t('informant.enterprisePlaceholder')} options={enterprises.map((e) => ({ value: e.creditCode, label: enterpriseLabel(e) }))} />
            )}
          </Form.Item>
          {needsName && (
            <Form.Item
              name="enterpriseName"
              label={t('informant.enterpriseName')}
              extra={t('informant.enterpriseNameHelp')}
              rules={[{ required: true, whitespace: true, message: t('field.required') }, { max: 200 }]}
            >
              <Input size="large" autoComplete="organization" />
            </Form.Item>
          )}
          <Form.Item name="signals" label={t('informant.signals')} rules={[{ required: true, type: 'array', min: 1, message: localFieldMessage(language, t, 'must name at least one signal') }]}>
            <SignalBoxes groupLabel={t('informant.signals')} options={ALERT_SIGNALS.map((signal) => ({ value: signal, label: label('signal', signal) }))} />
          </Form.Item>
          <Form.Item
            name="workersAffected"
            label={t('informant.workersAffected')}
            getValueFromEvent={(event: { target: { value: string } }) => (event.target.value === '' ? undefined : Number(event.target.value))}
            rules={[
              { required: true, message: t('field.required') },
              { type: 'integer', min: 1, message: localFieldMessage(language, t, 'must be a whole number of workers, 1 or more') },
            ]}
          >
            <Input size="large" type="number" min={1} step={1} inputMode="numeric" />
          </Form.Item>
          <Form.Item name="description" label={t('informant.description')} rules={[{ required: true, whitespace: true, message: t('field.required') }, { max: 2000 }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('informant.descriptionPlaceholder')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={saving} disabled={!profile.data}>
            {t('informant.submit')}
          </Button>
        </Form>
      </section>

      {outbox.items.length > 0 && (
        <section className="lc-panel" style={{ marginTop: 16 }} data-testid="outbox" aria-labelledby="outbox-title">
          <Typography.Title level={2} id="outbox-title" style={{ fontSize: 16 }}>
            {t('informant.pending', { count: outbox.items.length })}
          </Typography.Title>
          <ul className="lc-list">
            {outbox.items.map((item) => (
              <li key={item.key}>
                <div>{item.body.enterprise.name}</div>
                <Typography.Text type={item.state === 'rejected' ? 'danger' : 'secondary'}>
                  {item.state === 'rejected'
                    ? t('informant.rejected', { reason: item.problem?.detail ?? String(item.problem?.status) })
                    : t('informant.pendingItem', { enterprise: item.body.signals.map((s) => label('signal', s)).join('、'), time: formatDateTime(language, new Date(item.savedAt)) })}
                </Typography.Text>
                {item.state === 'rejected' && (
                  <Button danger size="small" style={{ marginLeft: 8 }} onClick={() => removeFromOutbox(item.key)}>
                    {t('informant.discard')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {t('informant.myAlerts')}
      </Typography.Title>
      {mine.isLoading && <Spin />}
      {mine.data && mine.data.items.length === 0 && <Typography.Paragraph type="secondary">{t('informant.noAlerts')}</Typography.Paragraph>}
      <ul className="lc-list" data-testid="my-alerts">
        {(mine.data?.items ?? []).map((alert) => (
          <li key={alert.id} data-testid="my-alert">
            <Space wrap>
              <strong>{alert.enterprise.name}</strong>
              <Tag color="blue">{label('alertStatus', alert.status)}</Tag>
              {alert.grade && <GradeTag grade={alert.grade} />}
            </Space>
            <div>
              {alert.signals.map((s) => label('signal', s)).join('、')} · {t('informant.workers', { count: alert.workersAffected })}
            </div>
            <Typography.Text type="secondary">{formatDateTime(language, alert.submittedAt)}</Typography.Text>
            {photosOf === alert.id ? (
              <Suspense fallback={<Spin />}>
                <AlertPhotos alertId={alert.id} language={language} onClose={() => setPhotosOf(null)} />
              </Suspense>
            ) : (
              <div>
                <Button onClick={() => setPhotosOf(alert.id)} aria-label={`${t('informant.addPhotos')} · ${alert.enterprise.name}`}>
                  {t('informant.addPhotos')}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
