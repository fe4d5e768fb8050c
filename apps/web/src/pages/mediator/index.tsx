import { Typography } from 'antd';
import { useI18n } from '../../i18n';

/** The mediators' workspace (issue 11): my work, lists, forms, the triage desk. */
export default function MediatorPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="workspace-title">
      <Typography.Title level={1} id="workspace-title" style={{ fontSize: 24 }}>
        {t('workspace.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('workspace.comingSoon')}</Typography.Paragraph>
    </section>
  );
}
