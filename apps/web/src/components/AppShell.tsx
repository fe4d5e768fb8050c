import { BellOutlined, DownOutlined, GlobalOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api } from '../api/client';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { logout, updateUser, type Role, type SessionUser } from '../auth/session';
import { useSession } from '../auth/use-session';
import { useI18n, type MessageKey } from '../i18n';
import { OfflineBanner } from './OfflineBanner';

/** The pages each role may open, in the menu's order (the first is the role's home). */
export const NAVIGATION: Record<Role, Array<{ to: string; label: MessageKey }>> = {
  informant: [{ to: '/informant', label: 'nav.informant' }],
  mediator: [{ to: '/workspace', label: 'nav.workspace' }],
  supervisor: [
    { to: '/dashboard', label: 'nav.dashboard' },
    { to: '/workspace', label: 'nav.workspace' },
  ],
  admin: [
    { to: '/admin', label: 'nav.admin' },
    { to: '/dashboard', label: 'nav.dashboard' },
    { to: '/workspace', label: 'nav.workspace' },
  ],
};

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined aria-hidden />}
      title={t('lang.switchToLabel')}
      onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
      className="lc-header-button"
    >
      <span lang={language === 'zh' ? 'en' : 'zh-CN'}>{t('lang.switchTo')}</span>
    </Button>
  );
}

/**
 * Who is signed in, their role and scope, and log out. A popover of plain buttons, not Ant
 * Design's Dropdown: the menu component would double the phone page's JavaScript for three lines.
 */
function AccountMenu() {
  const session = useSession();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  if (!session) return null;
  const { user } = session;
  const signOut = async () => {
    setOpen(false);
    await logout();
    queries.clear();
    navigate('/login', { replace: true });
  };
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      content={
        <div className="lc-account" data-testid="account-panel">
          <div>{t('account.signedInAs', { username: user.username })}</div>
          <div className="lc-account-scope">
            {t(`role.${user.role}`)} · {t('account.scope', { scope: user.subDistrict ? label('subDistrict', user.subDistrict) : t('account.district') })}
          </div>
          <Button block onClick={signOut} data-testid="logout">
            {t('account.logout')}
          </Button>
        </div>
      }
    >
      <Button type="text" title={t('account.menu')} aria-expanded={open} aria-haspopup="dialog" className="lc-header-button" data-testid="account-menu">
        <Space size={4}>
          <UserOutlined aria-hidden />
          <span className="lc-username">{user.username}</span>
          <DownOutlined aria-hidden />
        </Space>
      </Button>
    </Popover>
  );
}

/**
 * The bell: the caller's unread notifications (GET /notifications/unread-count, cheap enough to
 * poll every 30 s), a link to their list in the workspace. Not for informants: they have none to read.
 */
function NotificationBell() {
  const session = useSession();
  const { t } = useI18n();
  const shown = Boolean(session) && session?.user.role !== 'informant';
  const unread = useQuery({
    queryKey: ['notifications', 'unread', session?.user.id],
    enabled: shown,
    queryFn: () => answer<{ unread: number }>(api.GET('/api/v1/notifications/unread-count')),
    refetchInterval: 30_000,
  });
  if (!shown) return null;
  const count = unread.data?.unread ?? 0;
  return (
    <Link to="/workspace/notifications" className="lc-bell" data-testid="bell" aria-label={count ? t('notifications.unread', { count }) : t('notifications.title')}>
      <BellOutlined aria-hidden />
      {count ? (
        <span className="lc-bell-count" data-testid="bell-count" aria-hidden>
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </Link>
  );
}

/** Header (title, the role's pages, language, account), the offline notice, and the page. */
export function AppShell() {
  const session = useSession();
  // Who the server says is signed in, on every load: a changed role or scope shows at once, and a
  // refused access token is refreshed here rather than in the middle of the user's first action.
  useQuery({
    queryKey: ['auth', 'me', session?.user.id],
    enabled: Boolean(session),
    queryFn: async () => {
      const me = await answer<SessionUser>(api.GET('/api/v1/auth/me'));
      updateUser(me);
      return me;
    },
  });
  const { t } = useI18n();
  const links = session ? NAVIGATION[session.user.role] : [];
  return (
    <Layout className="lc-layout">
      <a className="lc-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="lc-header">
        <Link to="/" className="lc-brand">
          {t('app.title')}
        </Link>
        {links.length > 1 && (
          <nav aria-label={t('app.title')} className="lc-nav">
            {links.map((link) => (
              <NavLink key={link.to} to={link.to} className="lc-nav-link">
                {t(link.label)}
              </NavLink>
            ))}
          </nav>
        )}
        <div className="lc-header-actions">
          <LanguageSwitch />
          <NotificationBell />
          <AccountMenu />
        </div>
      </Layout.Header>
      <OfflineBanner />
      <Layout.Content id="main" tabIndex={-1} className="lc-content">
        <Outlet />
      </Layout.Content>
      <Layout.Footer className="lc-footer">
        <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
