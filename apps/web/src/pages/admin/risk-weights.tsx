import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Descriptions, Form, InputNumber, Spin, Typography, message } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { answer, api } from '../../api/client';
import { ALERT_SIGNALS, type AlertSignal } from '../../api/types';
import { ProblemAlert, showProblemOnForm } from '../../components/problem';
import { useAdminI18n as useI18n } from './i18n';
import { commandHeaders, isStale } from './common';

/** libs/alerts RiskWeightsAnswer (GET /api/v1/reference/risk-weights). */
interface RiskWeights {
  signals: Record<AlertSignal, number>;
  workersBands: Array<{ min: number; points: number }>;
  version: number;
  grading: { redAbove: number; greenBelow: number };
}

type WeightsForm = Pick<RiskWeights, 'signals' | 'workersBands'>;

export function RiskWeightsSection() {
  const { t, label, language } = useI18n();
  const [form] = Form.useForm<WeightsForm>();
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<Array<{ field: string; message: string }>>([]);
  const [saving, setSaving] = useState(false);
  const [notice, contextHolder] = message.useMessage();
  const weights = useQuery({
    queryKey: ['admin', 'risk-weights'],
    queryFn: () => answer<RiskWeights>(api.GET('/api/v1/reference/risk-weights')),
    refetchOnWindowFocus: false,
  });
  useEffect(() => {
    if (weights.data) form.setFieldsValue({ signals: weights.data.signals, workersBands: weights.data.workersBands });
  }, [weights.data, form]);

  const submit = async (values: WeightsForm) => {
    if (!weights.data) return;
    setSaving(true);
    setError(null);
    setUnplaced([]);
    try {
      const saved = await answer<RiskWeights>(
        api.PUT('/api/v1/reference/risk-weights', { params: { header: commandHeaders(weights.data.version) }, body: { signals: values.signals, workersBands: values.workersBands } }),
      );
      void notice.success(t('admin.weightsSaved', { version: saved.version }));
      void weights.refetch();
    } catch (failure) {
      setError(failure);
      setUnplaced(showProblemOnForm(form, failure, language, t));
      // Someone changed them first: show theirs, and let the admin decide again.
      if (isStale(failure)) void weights.refetch();
    } finally {
      setSaving(false);
    }
  };

  const points = (name: Array<string | number>, labelText: string) => (
    <Form.Item name={name} label={labelText} rules={[{ required: true, message: t('field.required') }]}>
      <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );

  return (
    <section aria-labelledby="admin-weights">
      {contextHolder}
      <Typography.Title level={2} id="admin-weights" className="lc-admin-h2">
        {t('admin.riskWeights')}
      </Typography.Title>
      <Typography.Paragraph>{t('admin.weightsIntro')}</Typography.Paragraph>
      <ProblemAlert error={error ?? weights.error} unplaced={unplaced} />
      {weights.isPending && <Spin />}
      {weights.data && (
        <>
          <Descriptions size="small" column={1} bordered className="lc-admin-block" title={t('admin.grading')}>
            <Descriptions.Item label={t('admin.weightsVersion', { version: weights.data.version })}>
              {t('admin.gradingRed', { points: weights.data.grading.redAbove })}；{t('admin.gradingGreen', { points: weights.data.grading.greenBelow })}
            </Descriptions.Item>
          </Descriptions>
          <Form<WeightsForm> form={form} layout="vertical" onFinish={submit} className="lc-panel">
            <fieldset className="lc-admin-fieldset">
              <legend>{t('admin.signalPoints')}</legend>
              <div className="lc-admin-grid">{ALERT_SIGNALS.map((signal) => <div key={signal}>{points(['signals', signal], label('signal', signal))}</div>)}</div>
            </fieldset>
            <fieldset className="lc-admin-fieldset">
              <legend>{t('admin.workersBands')}</legend>
              <Form.List name="workersBands">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field, index) => (
                      <div key={field.key} className="lc-admin-band" role="group" aria-label={t('admin.bandLabel', { index: index + 1 })}>
                        <Form.Item name={[field.name, 'min']} label={`${t('admin.bandLabel', { index: index + 1 })} · ${t('admin.bandMin')}`} rules={[{ required: true, message: t('field.required') }]}>
                          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'points']} label={t('admin.bandPoints')} rules={[{ required: true, message: t('field.required') }]}>
                          <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
                        </Form.Item>
                        <Button
                          icon={<DeleteOutlined aria-hidden />}
                          aria-label={t('admin.removeBand', { index: index + 1 })}
                          title={t('admin.removeBand', { index: index + 1 })}
                          onClick={() => remove(field.name)}
                          disabled={fields.length <= 1}
                        />
                      </div>
                    ))}
                    <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ min: undefined, points: 0 })}>
                      {t('admin.addBand')}
                    </Button>
                  </>
                )}
              </Form.List>
            </fieldset>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('admin.save')}
            </Button>
          </Form>
        </>
      )}
    </section>
  );
}
