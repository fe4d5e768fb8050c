import { Typography } from 'antd';
import { useI18n } from '../../i18n';

export default function SupervisorPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="dashboard-title">
      <Typography.Title level={1} id="dashboard-title" style={{ fontSize: 24 }}>
        {t('supervisor.title')}
      </Typography.Title>
    </section>
  );
}
