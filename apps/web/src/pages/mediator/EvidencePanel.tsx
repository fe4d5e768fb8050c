import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Form, Input, List, Popconfirm, Space, Tag, Typography, message } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { answer, api } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { useI18n } from '../../i18n';
import { evidenceEn } from '../../i18n/evidence-en';
import { evidenceZh, type EvidenceMessageKey } from '../../i18n/evidence-zh';
import { formatDateTime } from '../../i18n/format';
import { saveBlob } from '../../api/download';
import { newKey } from './model';

interface EvidenceFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  description: string;
  attachedAt: string;
  attachedBy: { id: string; displayName: string | null };
  erased: boolean;
}

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.heic,.docx,.xlsx,application/pdf,image/jpeg,image/png,image/heic';

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * The evidence files of a dispute case, a mediation or an alert: list, download, upload (description and file), remove.
 * Its strings are its own (i18n/evidence-*.ts). The API checks the type from the content and the
 * size; its refusals show as problems.
 */
export function EvidencePanel({ record, id, onChanged }: { record: 'disputes' | 'mediations' | 'alerts'; id: string; onChanged?: () => void }) {
  const { language } = useI18n();
  const t = useMemo(() => {
    const messages = language === 'zh' ? evidenceZh : evidenceEn;
    return (key: EvidenceMessageKey, values: Record<string, string> = {}) =>
      messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  }, [language]);
  const queryClient = useQueryClient();
  const queryKey = ['evidence', record, id];
  // The mediations' and alerts' routes take the same parameters and give the same answers as the
  // disputes'; the typed client knows each path by its literal, so the disputes' stand for all three.
  const collection = `/api/v1/${record}/{id}/evidence` as '/api/v1/disputes/{id}/evidence';
  const oneFile = `/api/v1/${record}/{id}/evidence/{fileId}` as '/api/v1/disputes/{id}/evidence/{fileId}';
  const files = useQuery({
    queryKey,
    queryFn: () => answer<{ items: EvidenceFile[] }>(api.GET(collection, { params: { path: { id } } })),
    staleTime: 0,
  });
  const [form] = Form.useForm();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey });
    onChanged?.();
  };

  const upload = async () => {
    const description = String(form.getFieldValue('description') ?? '').trim();
    if (!description || !chosen) {
      setError(new Error(t('ev.required')));
      return;
    }
    const body = new FormData();
    body.append('description', description);
    body.append('file', chosen, chosen.name);
    setBusy(true);
    setError(null);
    try {
      const answered = await answer<{ created: boolean }>(
        api.POST(collection, { params: { path: { id }, header: { 'idempotency-key': newKey() } }, body: body as never }),
      );
      void message.success(answered.created ? t('ev.uploaded') : t('ev.already'));
      form.resetFields();
      setChosen(null);
      if (input.current) input.current.value = '';
      refresh();
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  const download = async (file: EvidenceFile) => {
    try {
      const blob = await answer<Blob>(
        api.GET(oneFile, { params: { path: { id, fileId: file.id } }, parseAs: 'blob' }),
      );
      saveBlob(blob, file.fileName);
    } catch (problem) {
      setError(problem);
    }
  };

  const remove = async (file: EvidenceFile) => {
    try {
      await answer(api.DELETE(oneFile, { params: { path: { id, fileId: file.id }, header: { 'idempotency-key': newKey() } } }));
      void message.success(t('ev.removed'));
      refresh();
    } catch (problem) {
      setError(problem);
    }
  };

  return (
    <section aria-labelledby={`evidence-title-${id}`} data-testid="evidence">
      <Typography.Title level={2} id={`evidence-title-${id}`} style={{ fontSize: 20 }}>
        {t('ev.title')}
      </Typography.Title>
      <ProblemAlert error={files.error ?? error} />
      <List
        size="small"
        locale={{ emptyText: t('ev.empty') }}
        dataSource={files.data?.items ?? []}
        renderItem={(file) => (
          <List.Item
            data-testid="evidence-item"
            actions={[
              <Button key="download" size="small" icon={<DownloadOutlined />} disabled={file.erased} onClick={() => void download(file)} aria-label={`${t('ev.download')} ${file.fileName}`}>
                {t('ev.download')}
              </Button>,
              <Popconfirm key="remove" title={t('ev.removeConfirm')} onConfirm={() => void remove(file)}>
                {/* With an icon, Ant Design puts no space between the two characters (删 除): the visible text stays part of the name. */}
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('ev.remove')} ${file.fileName}`}>
                  {t('ev.remove')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <span>{file.fileName}</span>
                  {file.erased ? <Tag>{t('ev.erased')}</Tag> : null}
                </Space>
              }
              description={
                <>
                  <div>{file.description}</div>
                  <div>{t('ev.by', { who: file.attachedBy.displayName ?? file.attachedBy.id, time: formatDateTime(language, file.attachedAt), size: size(file.sizeBytes) })}</div>
                </>
              }
            />
          </List.Item>
        )}
      />
      <Form form={form} layout="vertical" name={`evidence-${id}`} style={{ marginTop: 12 }} onFinish={() => void upload()}>
        <Form.Item name="description" label={t('ev.description')} rules={[{ required: true, message: t('ev.required') }]}>
          <Input maxLength={2000} placeholder={t('ev.descriptionHint')} />
        </Form.Item>
        <Form.Item label={t('ev.file')} extra={t('ev.accepted')}>
          <input ref={input} type="file" accept={ACCEPT} aria-label={t('ev.choose')} onChange={(e) => setChosen(e.target.files?.[0] ?? null)} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={busy}>
          {t('ev.upload')}
        </Button>
      </Form>
    </section>
  );
}
