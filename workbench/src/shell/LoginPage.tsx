/** 登录: username and password; the coded error of the API is shown as it comes; back to `next` afterwards. */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { ApiError } from '../api/ApiError.ts';
import { setSession } from './session.ts';
import { LangSwitch } from './LangSwitch.tsx';

/** Only same-site paths are followed after login (no open redirect). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/** The login page. */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // an admin reset the password: the login answered with a token good only for changing it
  const [change, setChange] = useState<{ username: string; current: string; token: string } | null>(null);

  async function submit(v: { username: string; password: string }) {
    if (busy) return; // a double click signs in once
    setBusy(true);
    setError(null);
    try {
      const out = await unwrap(api.POST('/api/auth/login', { body: v }));
      setSession(out);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      const e = err as ApiError;
      if (e.code === 'auth.password-change-required' && typeof e.details.token === 'string') setChange({ username: v.username, current: v.password, token: e.details.token });
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  // OIDC is offered when the deployment has an identity provider (client-config says so)
  const [oidc, setOidc] = useState(false);
  useEffect(() => { void unwrap(api.GET('/api/client-config')).then((c) => setOidc(c.oidc), () => undefined); }, []);
  async function startOidc() {
    try {
      const { url } = await unwrap(api.GET('/api/auth/oidc/start', { params: { query: { next: safeNext(params.get('next')) } } }));
      location.assign(url);
    } catch (err) {
      setError(err as ApiError);
    }
  }

  async function changePassword(v: { next: string }) {
    if (!change || busy) return;
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST('/api/me/password', { body: { current: change.current, next: v.next }, headers: { authorization: `Bearer ${change.token}` } }));
      setChange(null);
      setBusy(false);
      await submit({ username: change.username, password: v.next });
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
    }
  }

  return (
    <main style={{ minHeight: '100%', display: 'grid', placeItems: 'center', background: '#f0f4fa', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('app.name')}</Typography.Title>
          <LangSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {params.get('next') && !error && <Alert type="info" showIcon title={t('login.continue')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon role="alert" title={`${error.message}`} description={error.code} style={{ marginBottom: 16 }} />}
        {change ? (
          <Form layout="vertical" onFinish={changePassword} requiredMark={false}>
            <Alert type="warning" showIcon title={t('login.changeTitle')} description={t('login.changeHint')} style={{ marginBottom: 16 }} />
            <Form.Item label={t('login.newPassword')} name="next" rules={[{ required: true, min: 8 }]}>
              <Input.Password autoComplete="new-password" autoFocus />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>{t('login.changeSubmit')}</Button>
          </Form>
        ) : <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('login.submit')}</Button>
          {oidc && <Button block style={{ marginTop: 8 }} onClick={() => void startOidc()} data-testid="oidc-login">{t('login.oidc')}</Button>}
        </Form>}
      </Card>
    </main>
  );
}
