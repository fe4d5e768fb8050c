import { Typography } from 'antd';
import { useI18n } from '../../i18n';

/** Administration (issue 11): accounts, informants, risk weights, imports, reference data. */
export default function AdminPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-title">
      <Typography.Title level={1} id="admin-title" style={{ fontSize: 24 }}>
        {t('admin.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('admin.comingSoon')}</Typography.Paragraph>
    </section>
  );
}
