/**
 * The shell: a side menu by role on a desktop, a drawer on a phone; the header with the unread
 * count, the language switch and sign-out. Screens render in the outlet.
 */
import { useState } from 'react';
import { Badge, Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd';
import { BellOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { useSession } from './useSession.ts';
import { rolesOf, setSession } from './session.ts';
import { menuFor } from './menuFor.ts';
import { LangSwitch } from './LangSwitch.tsx';
import { inboxKeys, fetchInboxCounts } from '../inbox/inboxQueries.ts';
import { api } from '../api/client.ts';

/** Ends every session of the user on the server (token revocation), then locally. */
function logout(): Promise<unknown> {
  return api.POST('/api/auth/logout').catch(() => undefined);
}

/** Which menu entry a path belongs to (the longest matching prefix). */
export function selectedMenu(paths: string[], pathname: string): string {
  return paths.filter((p) => p === pathname || (p !== '/' && pathname.startsWith(p + '/')) || (p === '/' && pathname === '/'))
    .sort((a, b) => b.length - a.length)[0] ?? '';
}

/** The shell layout. */
export function ShellLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const loc = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [open, setOpen] = useState(false);
  const items = menuFor(rolesOf(session));
  const leaves = items.flatMap((i) => i.children ?? [i]);
  const counts = useQuery({ queryKey: inboxKeys.counts(), queryFn: fetchInboxCounts, refetchInterval: 60_000 });
  const unread = counts.data ? counts.data.notify + counts.data.cc + counts.data.urge : 0;
  const menu = (
    <Menu mode="inline" selectedKeys={[selectedMenu(leaves.map((i) => i.path), loc.pathname)]} onClick={() => setOpen(false)}
      defaultOpenKeys={items.filter((i) => i.children && loc.pathname.startsWith(i.path + '/')).map((i) => i.path)}
      items={items.map((i) => i.children
        ? { key: i.path, label: t(i.label), children: i.children.map((c) => ({ key: c.path, label: <Link to={c.path}>{t(c.label)}</Link> })) }
        : { key: i.path, label: <Link to={i.path}>{t(i.label)}</Link> })} />
  );
  return (
    <Layout style={{ minHeight: '100%' }}>
      {!phone && <Layout.Sider theme="light" width={200} style={{ borderRight: '1px solid #f0f0f0' }}><nav aria-label={t('menu.label')}>
        <Typography.Title level={2} style={{ fontSize: 18, padding: '16px 24px', margin: 0 }}>{t('app.name')}</Typography.Title>{menu}</nav></Layout.Sider>}
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: phone ? '0 8px' : '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}>
          <Space>
            {phone && <Button type="text" icon={<MenuOutlined />} aria-label={t('menu.open')} onClick={() => setOpen(true)} />}
            {phone && <strong>{t('app.name')}</strong>}
          </Space>
          <Space size={phone ? 4 : 'middle'}>
            <Badge count={unread} size="small" offset={[-4, 4]}>
              <Button type="text" icon={<BellOutlined />} aria-label={t('inbox.unread', { count: unread })} onClick={() => navigate('/inbox')} />
            </Badge>
            <LangSwitch />
            {!phone && <span>{session?.user.name}</span>}
            <Button type="text" icon={<LogoutOutlined />} aria-label={t('session.logout')} onClick={() => { void logout().finally(() => { setSession(null); navigate('/login'); }); }} />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 8 : 24 }}>
          <main><Outlet /></main>
        </Layout.Content>
      </Layout>
      <Drawer open={open} onClose={() => setOpen(false)} placement="left" size={260} title={t('app.name')}>
        <nav aria-label={t('menu.label')}>{menu}</nav>
      </Drawer>
    </Layout>
  );
}
