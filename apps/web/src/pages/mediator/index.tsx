import { Menu, Typography } from 'antd';
import { Link, Route, Routes, useLocation } from 'react-router';
import { useI18n } from '../../i18n';
import { AlertDesk } from './AlertDesk';
import { CaseDetail } from './CaseDetail';
import { CaseList } from './CaseList';
import { MyWork } from './MyWork';
import { OpenCaseForm } from './OpenCaseForm';

/**
 * The mediators' workspace (issue 11), under /workspace: my work (the home), the dispute cases
 * (list, detail with its timeline and commands, the opening form) and the alert triage desk.
 */
export default function MediatorPage() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const section = pathname.startsWith('/workspace/cases/new')
    ? 'new'
    : pathname.startsWith('/workspace/cases')
      ? 'cases'
      : pathname.startsWith('/workspace/alerts')
        ? 'alerts'
        : 'home';
  return (
    <div className="lc-workspace">
      <nav aria-label={t('nav.workspace')}>
        <Menu
          mode="horizontal"
          selectedKeys={[section]}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'home', label: <Link to="/workspace">{t('ws.nav.myWork')}</Link> },
            { key: 'cases', label: <Link to="/workspace/cases">{t('ws.nav.cases')}</Link> },
            { key: 'alerts', label: <Link to="/workspace/alerts">{t('ws.nav.alerts')}</Link> },
            { key: 'new', label: <Link to="/workspace/cases/new">{t('ws.nav.newCase')}</Link> },
          ]}
        />
      </nav>
      <Routes>
        <Route index element={<MyWork />} />
        <Route path="cases" element={<CaseList />} />
        <Route path="cases/new" element={<OpenCaseForm />} />
        <Route path="cases/:id" element={<CaseDetail />} />
        <Route path="alerts" element={<AlertDesk />} />
        <Route path="*" element={<Typography.Paragraph>{t('app.notFound')}</Typography.Paragraph>} />
      </Routes>
    </div>
  );
}
