import { Spin, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router';
import { AlertDesk } from './AlertDesk';
import { CaseDetail } from './CaseDetail';
import { CaseList } from './CaseList';
import { useDeskI18n, type DeskKey } from './i18n';
import { MyWork } from './MyWork';
import { OpenCaseForm } from './OpenCaseForm';

// Complaints, court-referred mediations and the notifications' list load when first opened: "my work" and the cases,
// what a mediator opens every day, do not wait for them.
const Complaints = lazy(() => import('./Complaints'));
const Mediations = lazy(() => import('./Mediations'));
const Notifications = lazy(() => import('./Notifications').then((m) => ({ default: m.Notifications })));

const SECTIONS: Array<{ key: string; to: string; label: DeskKey }> = [
  { key: 'home', to: '/workspace', label: 'ws.nav.myWork' },
  { key: 'cases', to: '/workspace/cases', label: 'ws.nav.cases' },
  { key: 'mediations', to: '/workspace/mediations', label: 'desk.nav.mediations' },
  { key: 'complaints', to: '/workspace/complaints', label: 'desk.nav.complaints' },
  { key: 'alerts', to: '/workspace/alerts', label: 'ws.nav.alerts' },
  { key: 'new', to: '/workspace/cases/new', label: 'ws.nav.newCase' },
  { key: 'notifications', to: '/workspace/notifications', label: 'desk.nav.notifications' },
];

function sectionOf(pathname: string): string {
  if (pathname.startsWith('/workspace/cases/new')) return 'new';
  const [, , first] = pathname.split('/');
  return SECTIONS.some((s) => s.key === first) ? first : 'home';
}

/**
 * The mediators' workspace (issue 11), under /workspace: my work (the home), the dispute cases
 * (list, detail with its timeline and commands, the opening form), court-referred mediations,
 * complaints, the alert triage desk and the notifications.
 */
export default function MediatorPage() {
  const { t } = useDeskI18n();
  const { pathname } = useLocation();
  const section = sectionOf(pathname);
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
      <Suspense fallback={<Spin />}>
        <Routes>
          <Route index element={<MyWork />} />
          <Route path="cases" element={<CaseList />} />
          <Route path="cases/new" element={<OpenCaseForm />} />
          <Route path="cases/:id" element={<CaseDetail />} />
          <Route path="alerts" element={<AlertDesk />} />
          <Route path="notifications" element={<Notifications />} />
          <Route path="complaints/*" element={<Complaints />} />
          <Route path="mediations/*" element={<Mediations />} />
          <Route path="*" element={<Typography.Paragraph>{t('app.notFound')}</Typography.Paragraph>} />
        </Routes>
      </Suspense>
    </div>
  );
}
