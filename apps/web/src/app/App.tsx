import { ConfigProvider, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { ApiProblem } from '../api/problem';
import { AppShell } from '../components/AppShell';
import { I18nProvider, useI18n } from '../i18n';
import { HomeRedirect, RequireRole } from './RequireRole';
import { theme } from './theme';

// One chunk per area: an informant's phone loads the informant page and nothing of the others.
const LoginPage = lazy(() => import('../pages/login'));
const InformantPage = lazy(() => import('../pages/informant'));
const MediatorPage = lazy(() => import('../pages/mediator'));
const SupervisorPage = lazy(() => import('../pages/supervisor'));
const AdminPage = lazy(() => import('../pages/admin'));

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again; a network failure or a 5xx may.
      retry: (count, error) => count < 2 && !(error instanceof ApiProblem && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: true,
      staleTime: 10_000,
    },
  },
});

function Loading() {
  const { t } = useI18n();
  return (
    <div className="lc-loading" role="status" aria-live="polite">
      <Spin />
      <span className="lc-visually-hidden">{t('app.loading')}</span>
    </div>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        404
      </Typography.Title>
      <Typography.Paragraph>{t('app.notFound')}</Typography.Paragraph>
      <Link to="/">{t('app.backHome')}</Link>
    </section>
  );
}

const page = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

/**
 * The routes. To add a page: a folder under src/pages/<area>/ with an index.tsx whose default
 * export is the page, a lazy import above, and a route here inside RequireRole (docs/web.md).
 * Declarative routes (BrowserRouter), not the data router: its loaders would add 40 KB gzipped
 * to every phone's first load, and TanStack Query already does the loading.
 */
function AppRoutes() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={page(<LoginPage />)} />
        <Route element={<AppShell />}>
          <Route index element={<HomeRedirect />} />
          <Route path="informant/*" element={<RequireRole roles={['informant']}>{page(<InformantPage />)}</RequireRole>} />
          <Route path="workspace/*" element={<RequireRole roles={['mediator', 'supervisor', 'admin']}>{page(<MediatorPage />)}</RequireRole>} />
          <Route path="dashboard/*" element={<RequireRole roles={['supervisor', 'admin']}>{page(<SupervisorPage />)}</RequireRole>} />
          <Route path="admin/*" element={<RequireRole roles={['admin']}>{page(<AdminPage />)}</RequireRole>} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}

function Localized({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  useEffect(() => {
    dayjs.locale(language === 'zh' ? 'zh-cn' : 'en');
  }, [language]);
  return (
    <ConfigProvider locale={language === 'zh' ? zhCN : enUS} theme={theme}>
      {children}
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localized>
        <QueryClientProvider client={queryClient}>
          <AppRoutes />
        </QueryClientProvider>
      </Localized>
    </I18nProvider>
  );
}
