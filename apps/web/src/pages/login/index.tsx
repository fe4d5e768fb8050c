import { Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { homeOf, login, sessionEndedBecause } from '../../auth/session';
import { useSession } from '../../auth/use-session';
import { LanguageSwitch } from '../../components/AppShell';
import { ProblemAlert, showProblemOnForm } from '../../components/problem';
import { useI18n } from '../../i18n';

interface Credentials {
  username: string;
  password: string;
}

/** Only our own pages after login: `?next=https://elsewhere` must not send anyone away. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export default function LoginPage() {
  const { t, language } = useI18n();
  const [form] = Form.useForm<Credentials>();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<Array<{ field: string; message: string }>>([]);
  const [busy, setBusy] = useState(false);

  if (session && !busy) return <Navigate to={safeNext(params.get('next')) ?? homeOf(session.user.role)} replace />;

  const submit = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      const signedIn = await login(username, password);
      navigate(safeNext(params.get('next')) ?? homeOf(signedIn.user.role), { replace: true });
    } catch (caught) {
      setError(caught);
      setUnplaced(showProblemOnForm(form, caught, language, t));
      setBusy(false);
    }
  };

  const failure =
    error instanceof ApiProblem && error.status === 401 ? t('login.failed') : error instanceof ApiProblem && error.status === 429 ? t('login.locked') : null;

  return (
    <main className="lc-login">
      <div className="lc-login-card lc-panel">
        <div className="lc-login-head">
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t('app.title')}
          </Typography.Title>
          <LanguageSwitchDark />
        </div>
        {sessionEndedBecause() === 'expired' && !error && <Typography.Paragraph role="status">{t('login.expired')}</Typography.Paragraph>}
        {failure ? (
          <Typography.Paragraph type="danger" role="alert" data-testid="login-error">
            {failure}
          </Typography.Paragraph>
        ) : (
          <ProblemAlert error={error} unplaced={unplaced} />
        )}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} aria-label={t('login.title')}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.required', { field: t('login.username') }) }]}>
            <Input autoComplete="username" autoCapitalize="none" size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </div>
    </main>
  );
}

/** The header's switch is white on red; on the login card it is the default colour. */
function LanguageSwitchDark() {
  return (
    <span className="lc-login-language">
      <LanguageSwitch />
    </span>
  );
}
