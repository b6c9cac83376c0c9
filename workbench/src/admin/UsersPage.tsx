/**
 * 用户管理: people of the admin's subtrees with role chips, filters in the URL (name or username,
 * role, status, unit), and the edit drawer (or a new user).
 */
import { Button, Input, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMemo } from 'react';
import { adminKeys, fetchOrgTree, fetchUsers, roleIds, type AdminUser, type UserFilters } from './adminQueries.ts';
import { RoleChips } from './RoleChips.tsx';
import { UserDrawer } from './UserDrawer.tsx';
import { ErrorState } from '../shared/ErrorState.tsx';
import { buildOrgTree } from '../shared/orgTree.ts';
import { tones } from '../shared/tones.ts';

/** The users screen. */
export default function UsersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: UserFilters = {
    ...(params.get('q') ? { q: params.get('q')! } : {}), ...(params.get('role') ? { role: params.get('role')! } : {}),
    ...(params.get('status') ? { status: params.get('status') as 'enabled' | 'disabled' } : {}), ...(params.get('org') ? { orgPath: params.get('org')! } : {}),
  };
  const set = (k: string, v: string | undefined) => { const next = new URLSearchParams(params); if (v) next.set(k, v); else next.delete(k); setParams(next, { replace: true }); };
  const tree = useQuery({ queryKey: adminKeys.tree(), queryFn: fetchOrgTree });
  const names = useMemo(() => new Map((tree.data?.items ?? []).map((u) => [u.path, u.name])), [tree.data]);
  const orgName = (p: string) => names.get(p) ?? p.split('/').pop()!;
  const pages = useInfiniteQuery({ queryKey: adminKeys.users(filters), initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchUsers(filters, pageParam), getNextPageParam: (l) => l.nextCursor ?? undefined });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const editing = params.get('user');
  const current = editing === 'new' ? 'new' : items.find((u) => u.id === editing);
  const orgTree = useMemo(() => buildOrgTree(tree.data?.items ?? []), [tree.data]);
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{t('admin.menu.users')}</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search aria-label={t('admin.users.search')} placeholder={t('admin.users.search')} defaultValue={filters.q} allowClear onSearch={(v) => set('q', v || undefined)} style={{ width: 220 }} />
        <Select aria-label={t('admin.users.role')} placeholder={t('admin.users.role')} allowClear value={filters.role} onChange={(v) => set('role', v)} style={{ width: 180 }}
          options={roleIds.map((r) => ({ value: r, label: t(`admin.role.${r}`, { defaultValue: r }) }))} />
        <Select aria-label={t('admin.users.status')} placeholder={t('admin.users.status')} allowClear value={filters.status} onChange={(v) => set('status', v)} style={{ width: 120 }}
          options={[{ value: 'enabled', label: t('admin.users.enabled') }, { value: 'disabled', label: t('admin.users.disabled') }]} />
        <TreeSelect aria-label={t('admin.users.org')} placeholder={t('admin.users.org')} allowClear value={filters.orgPath} onChange={(v) => set('org', v)} style={{ width: 220 }} treeData={orgTree} treeDefaultExpandAll={false} />
        <Button type="primary" onClick={() => set('user', 'new')}>{t('admin.users.new')}</Button>
      </Space>
      {pages.isError ? <ErrorState error={pages.error} onRetry={() => void pages.refetch()} /> : (
        <Table<AdminUser> rowKey="id" size="small" loading={pages.isPending} dataSource={items} pagination={false} scroll={{ x: 760 }} columns={[
          { title: t('admin.users.name'), dataIndex: 'name', render: (n: string, u) => <span data-testid={`user-row-${u.username}`}>{n}</span> },
          { title: t('admin.users.username'), dataIndex: 'username' },
          { title: t('admin.users.org'), dataIndex: 'orgPath', render: (p: string) => orgName(p) },
          { title: t('admin.users.roles'), dataIndex: 'roles', render: (r: AdminUser['roles']) => <RoleChips roles={r} orgName={orgName} /> },
          { title: t('admin.users.status'), dataIndex: 'disabled', render: (d: boolean) => d ? <Tag style={tones.bad}>{t('admin.users.disabled')}</Tag> : <Tag style={tones.ok}>{t('admin.users.enabled')}</Tag> },
          { title: '', key: 'edit', render: (_: unknown, u) => <Button size="small" onClick={() => set('user', u.id)} data-testid={`edit-${u.username}`}>{t('admin.users.edit')}</Button> },
        ]} />
      )}
      {pages.hasNextPage && <Button style={{ marginTop: 8 }} onClick={() => void pages.fetchNextPage()}>{t('state.more')}</Button>}
      <UserDrawer user={current} orgTree={orgTree} orgName={orgName} onClose={() => set('user', undefined)} />
    </div>
  );
}
