import { Alert } from 'antd';
import { useSyncExternalStore } from 'react';
import { useI18n } from '../i18n';

function subscribe(callback: () => void) {
  window.addEventListener('online', callback);
  window.addEventListener('offline', callback);
  return () => {
    window.removeEventListener('online', callback);
    window.removeEventListener('offline', callback);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine, () => true);
}

export function OfflineBanner() {
  const online = useOnline();
  const { t } = useI18n();
  if (online) return null;
  return <Alert type="warning" banner title={t('app.offline')} role="status" data-testid="offline-banner" />;
}
