import { ConfigProvider, Typography } from 'antd';
import { NavLink, Navigate, Route, Routes } from 'react-router';
import { useAdminI18n as useI18n, type AdminKey as MessageKey } from './i18n';
import { AccountsSection } from './accounts';
import { ImportsSection } from './imports';
import { InformantsSection } from './informants';
import { ReferenceSection } from './reference';
import { RiskWeightsSection } from './risk-weights';
import './admin.css';

/** The accounts are the home (/admin itself: the role's home page has no redirect to wait for). */
const SECTIONS: Array<{ path: string; label: MessageKey }> = [
  { path: '', label: 'admin.accounts' },
  { path: 'informants', label: 'admin.informants' },
  { path: 'risk-weights', label: 'admin.riskWeights' },
  { path: 'imports', label: 'admin.imports' },
  { path: 'reference', label: 'admin.reference' },
];

/**
 * Administration (issue 11): accounts, the informant registry, risk weights, imports and the
 * reference data, one section each under /admin/<section>; /admin itself is the accounts.
 */
/**
 * Ant Design's error red (#ff4d4f: danger buttons, a field's error) is 3.3:1 on white; this one is
 * 6.3:1 (WCAG AA). No space put between two Chinese characters of a button: its visible text must
 * be part of its accessible name ("停用：admin").
 */
const ADMIN_THEME = { token: { colorError: '#b91c1c' } };

export default function AdminPage() {
  const { t } = useI18n();
  return (
    <ConfigProvider theme={ADMIN_THEME} button={{ autoInsertSpace: false }}>
    <div className="lc-admin">
      <Typography.Title level={1} id="admin-title" style={{ fontSize: 24 }}>
        {t('admin.title')}
      </Typography.Title>
      <nav aria-label={t('admin.sections')} className="lc-admin-nav">
        {SECTIONS.map((section) => (
          <NavLink key={section.path} to={section.path ? `/admin/${section.path}` : '/admin'} end className="lc-admin-nav-link">
            {t(section.label)}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<AccountsSection />} />
        <Route path="informants" element={<InformantsSection />} />
        <Route path="risk-weights" element={<RiskWeightsSection />} />
        <Route path="imports" element={<ImportsSection />} />
        <Route path="reference" element={<ReferenceSection />} />
        <Route path="*" element={<Navigate to="/admin" replace />} />
      </Routes>
    </div>
    </ConfigProvider>
  );
}
