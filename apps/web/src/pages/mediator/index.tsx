import { Typography } from 'antd';
import { Link, Route, Routes, useLocation } from 'react-router';
import { useI18n, type MessageKey } from '../../i18n';
import { AlertDesk } from './AlertDesk';
import { CaseDetail } from './CaseDetail';
import { CaseList } from './CaseList';
import { MyWork } from './MyWork';
import { OpenCaseForm } from './OpenCaseForm';

const SECTIONS: Array<{ key: string; to: string; label: MessageKey }> = [
  { key: 'home', to: '/workspace', label: 'ws.nav.myWork' },
  { key: 'cases', to: '/workspace/cases', label: 'ws.nav.cases' },
  { key: 'alerts', to: '/workspace/alerts', label: 'ws.nav.alerts' },
  { key: 'new', to: '/workspace/cases/new', label: 'ws.nav.newCase' },
];

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
        <ul className="lc-subnav">
          {SECTIONS.map(({ key, to, label }) => (
            <li key={key}>
              <Link to={to} aria-current={section === key ? 'page' : undefined} className={section === key ? 'lc-subnav-current' : undefined}>
                {t(label)}
              </Link>
            </li>
          ))}
        </ul>
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
