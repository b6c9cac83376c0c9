/**
 * Standalone entry: logs in against the runtime (`POST /api/auth/login`), keeps the token in
 * sessionStorage, and mounts the designer at /designer/* the way the shell will. A 401 clears the
 * token and shows the login again (the draft itself is safe in localStorage).
 */
import { StrictMode, Suspense, lazy, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Button, Card, Form, Input, Alert, Segmented } from 'antd';
import type { ShellApi, ShellUser } from '../src/index.ts';

const DesignerApp = lazy(() => import('../src/index.ts'));
const KEY = 'tongban.dev.session';

interface Session { token: string; user: ShellUser }

function Login({ onLogin }: { onLogin(s: Session): void }) {
  const [error, setError] = useState<string>();
  return (
    <Card title="通办 · 登录" style={{ width: 360, margin: '80px auto' }}>
      <Form layout="vertical" onFinish={async (v: { username: string; password: string }) => {
        const res = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(v) });
        const body = await res.json() as { token?: string; user?: { id: string; name: string; roles: Array<{ role: string }> }; error?: { message: string } };
        if (!res.ok || !body.token) { setError(body.error?.message ?? '登录失败'); return; }
        const me = await (await fetch('/api/me', { headers: { authorization: `Bearer ${body.token}` } })).json() as { id: string; name: string; roles: Array<{ role: string }> };
        onLogin({ token: body.token, user: { id: me.id, name: me.name, roles: [...new Set(me.roles.map((r) => r.role))] } });
      }}>
        <Form.Item name="username" label="用户名" rules={[{ required: true }]}><Input data-testid="login-username" /></Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true }]}><Input.Password data-testid="login-password" /></Form.Item>
        {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" data-testid="login-submit" block>登录</Button>
      </Form>
    </Card>
  );
}

function Shell() {
  const [session, setSession] = useState<Session | undefined>(() => { try { return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') ?? undefined; } catch { return undefined; } });
  const [lang, setLang] = useState<'zh-CN' | 'en'>('zh-CN');
  if (!session) return <Login onLogin={(s) => { sessionStorage.setItem(KEY, JSON.stringify(s)); setSession(s); }} />;
  const api: ShellApi = {
    async fetch(path, init = {}) {
      const res = await fetch(path, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${session.token}`, 'accept-language': lang } });
      if (res.status === 401) { sessionStorage.removeItem(KEY); setSession(undefined); }
      return res;
    },
  };
  return (
    <div style={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <div style={{ padding: '4px 12px', background: '#001529', color: '#fff', display: 'flex', gap: 12, alignItems: 'center' }}>
        <span>通办 · {session.user.name}</span>
        <Segmented size="small" value={lang} onChange={(v) => setLang(v as 'zh-CN' | 'en')} options={[{ value: 'zh-CN', label: '中文' }, { value: 'en', label: 'EN' }]} />
        <Button size="small" onClick={() => { sessionStorage.removeItem(KEY); setSession(undefined); }}>退出</Button>
      </div>
      <div style={{ flex: 1, minHeight: 0 }}>
        <Suspense fallback={null}>
          <Routes>
            <Route path="/designer/*" element={<DesignerApp basePath="/designer" api={api} user={session.user} lang={lang} />} />
            <Route path="*" element={<Navigate to="/designer" replace />} />
          </Routes>
        </Suspense>
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><BrowserRouter><Shell /></BrowserRouter></StrictMode>);
