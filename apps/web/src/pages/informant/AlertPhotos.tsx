import { Alert, Button, Input, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { answer, api } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { ProblemAlert } from '../../components/problem';
import type { Language } from '../../i18n';
import { photosEn } from '../../i18n/photos-en';
import { photosZh, type PhotosMessageKey } from '../../i18n/photos-zh';
import { newKey } from './outbox';

interface AttachedFile {
  id: string;
  fileName: string;
  sizeBytes: number;
}

/** Navigator's view of the network, followed as it changes. */
function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/**
 * Photos attached to an alert the server already has (it has an id): taken with the phone's camera
 * or chosen from its gallery, sent one by one as multipart with an Idempotency-Key each (the server
 * keeps the same bytes on one alert once). Its own chunk, loaded when the informant opens it, with
 * its own strings: the informant's entry stays within its budget. Unlike the alert itself, photos
 * are not kept on the phone to be resent: attaching needs the network, and the page says so when
 * there is none (several megabytes of photos in IndexedDB on a phone, resent in the background,
 * is a later step if the informants need it).
 */
export default function AlertPhotos({ alertId, language, onClose }: { alertId: string; language: Language; onClose(): void }) {
  const t = useMemo(() => {
    const messages = language === 'zh' ? photosZh : photosEn;
    return (key: PhotosMessageKey, values: Record<string, string | number> = {}) =>
      messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  }, [language]);
  const online = useOnline();
  const queryClient = useQueryClient();
  const queryKey = ['alerts', alertId, 'evidence'];
  const attached = useQuery({
    queryKey,
    queryFn: () => answer<{ items: AttachedFile[] }>(api.GET('/api/v1/alerts/{id}/evidence', { params: { path: { id: alertId } } })),
    enabled: online,
    staleTime: 0,
  });
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File[]>([]);
  const [description, setDescription] = useState(() => t('ph.defaultDescription'));
  const [progress, setProgress] = useState<{ n: number; total: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const offline = !online || (error instanceof ApiProblem && error.isNetworkError);

  const upload = async () => {
    setNotice(null);
    setError(null);
    let sent = 0;
    let already = 0;
    try {
      for (const [index, file] of chosen.entries()) {
        setProgress({ n: index + 1, total: chosen.length });
        const body = new FormData();
        body.append('description', description.trim() || t('ph.defaultDescription'));
        body.append('file', file, file.name);
        const answered = await answer<{ created: boolean }>(
          api.POST('/api/v1/alerts/{id}/evidence', { params: { path: { id: alertId }, header: { 'idempotency-key': newKey() } }, body: body as never }),
        );
        if (answered.created) sent += 1;
        else already += 1;
      }
      setChosen([]);
      if (input.current) input.current.value = '';
    } catch (failure) {
      // What was sent before the failure stays sent; the rest stays chosen, to send again.
      setChosen((files) => files.slice(sent + already));
      setError(failure);
    } finally {
      setProgress(null);
      if (sent + already > 0) {
        setNotice([sent ? t('ph.uploaded', { count: sent }) : '', already ? t('ph.already') : ''].filter(Boolean).join('；'));
        void queryClient.invalidateQueries({ queryKey });
      }
    }
  };

  const files = attached.data?.items ?? [];
  return (
    <div className="lc-photos" data-testid="alert-photos">
      <Typography.Text strong>{t('ph.title')}</Typography.Text>
      <div>{attached.data ? (files.length ? t('ph.count', { count: files.length }) : t('ph.none')) : null}</div>
      {files.length > 0 && (
        <ul className="lc-list" aria-label={t('ph.title')}>
          {files.map((file) => (
            <li key={file.id} data-testid="alert-photo">
              {file.fileName}
            </li>
          ))}
        </ul>
      )}
      {offline ? <Alert type="warning" showIcon role="alert" title={t('ph.offline')} data-testid="photos-offline" style={{ margin: '8px 0' }} /> : null}
      {notice ? <Alert type="success" showIcon role="status" title={notice} style={{ margin: '8px 0' }} /> : null}
      {error && !offline ? <ProblemAlert error={error} /> : null}
      <label className="lc-photo-field">
        <span>{t('ph.description')}</span>
        <Input size="large" value={description} maxLength={2000} onChange={(event) => setDescription(event.target.value)} />
      </label>
      <label className="lc-photo-field">
        <span>{t('ph.choose')}</span>
        {/* The phone offers its camera or its gallery for image/*; HEIC is what iPhones take. */}
        <input
          ref={input}
          type="file"
          accept="image/*,.heic"
          multiple
          onChange={(event) => setChosen(Array.from(event.target.files ?? []))}
        />
        <Typography.Text type="secondary">{t('ph.hint')}</Typography.Text>
      </label>
      <Button type="primary" size="large" block disabled={!online || chosen.length === 0} loading={progress !== null} onClick={() => void upload()}>
        {progress ? t('ph.uploading', progress) : t('ph.upload')}
      </Button>
      <Button type="link" onClick={onClose}>
        {t('ph.close')}
      </Button>
    </div>
  );
}
