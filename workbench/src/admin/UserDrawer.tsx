/**
 * One user's drawer: name, roles (each at a unit, optionally for a period), disable / re-enable,
 * password reset (the temporary password is shown once), and 调动 to another unit with the rule for
 * their open tasks, and the OIDC identity links they sign in through. A new user: name, username, unit, first password, roles. Every save sends the
 * version it was based on; a 409 says someone else changed the user first.
 */
import { useState } from 'react';
import { Alert, Button, DatePicker, Divider, Drawer, Form, Input, Popconfirm, Radio, Select, Space, TreeSelect, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { adminCalls, adminKeys, roleIds, type AdminUser } from './adminQueries.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { RoleChips } from './RoleChips.tsx';
import { IdentityLinks } from './IdentityLinks.tsx';
import type { OrgNode } from '../shared/orgTree.ts';

interface RoleRow { role: string; orgPath: string; period?: [Dayjs | null, Dayjs | null] | null }

/** The drawer: `user` is the user being edited, `'new'` for a new one, undefined when closed. */
export function UserDrawer({ user, orgTree, orgName, onClose }: { user: AdminUser | 'new' | undefined; orgTree: OrgNode[]; orgName: (p: string) => string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={!!user} onClose={onClose} size={520} title={user === 'new' ? t('admin.users.new') : user?.name} destroyOnHidden>
      {user === 'new' ? <NewUser orgTree={orgTree} /> : user ? <EditUser key={user.id} user={user} orgTree={orgTree} orgName={orgName} /> : null}
    </Drawer>
  );
}

function RolesEditor({ orgTree }: { orgTree: OrgNode[] }) {
  const { t } = useTranslation();
  return (
    <Form.List name="roles">
      {(fields, { add, remove }) => <>
        {fields.map((f) => (
          <Space key={f.key} align="baseline" wrap style={{ marginBottom: 4 }}>
            <Form.Item name={[f.name, 'role']} rules={[{ required: true }]} noStyle>
              <Select aria-label={t('admin.users.role')} style={{ width: 150 }} options={roleIds.map((r) => ({ value: r, label: t(`admin.role.${r}`, { defaultValue: r }) }))} />
            </Form.Item>
            <Form.Item name={[f.name, 'orgPath']} rules={[{ required: true }]} noStyle>
              <TreeSelect aria-label={t('admin.users.org')} style={{ width: 170 }} treeData={orgTree} />
            </Form.Item>
            <Form.Item name={[f.name, 'period']} noStyle>
              <DatePicker.RangePicker allowEmpty={[true, true]} aria-label={t('admin.users.period')} style={{ width: 230 }} />
            </Form.Item>
            <MinusCircleOutlined aria-label={t('action.remove')} onClick={() => remove(f.name)} />
          </Space>
        ))}
        <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>{t('admin.users.addRole')}</Button>
      </>}
    </Form.List>
  );
}

const toGrants = (rows: RoleRow[] | undefined) => (rows ?? []).map((r) => ({ role: r.role, orgPath: r.orgPath, validFrom: r.period?.[0] ? r.period[0].startOf('day').valueOf() : null, validUntil: r.period?.[1] ? r.period[1].endOf('day').valueOf() : null }));

function NewUser({ orgTree }: { orgTree: OrgNode[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [, setParams] = useSearchParams();
  const create = useMutation({
    mutationFn: (v: { username: string; name: string; orgPath: string; password?: string; roles?: RoleRow[] }) => adminCalls.createUser({ ...v, roles: toGrants(v.roles) }),
    onSuccess: (u) => { void qc.invalidateQueries({ queryKey: adminKeys.all }); setParams({ user: u.id }, { replace: true }); },
  });
  return (
    <Form layout="vertical" onFinish={(v) => create.mutate(v)}>
      <ErrorAlert error={create.error} />
      <Form.Item name="name" label={t('admin.users.name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
      <Form.Item name="username" label={t('admin.users.username')} rules={[{ required: true, pattern: /^[A-Za-z0-9._@-]{3,64}$/ }]}><Input /></Form.Item>
      <Form.Item name="orgPath" label={t('admin.users.org')} rules={[{ required: true }]}><TreeSelect treeData={orgTree} /></Form.Item>
      <Form.Item name="password" label={t('admin.users.firstPassword')} extra={t('admin.users.firstPasswordHint')}><Input.Password autoComplete="new-password" /></Form.Item>
      <Typography.Text strong>{t('admin.users.roles')}</Typography.Text>
      <RolesEditor orgTree={orgTree} />
      <Divider />
      <Button type="primary" htmlType="submit" loading={create.isPending}>{t('admin.save')}</Button>
    </Form>
  );
}

/** Keyed by user id only: results shown here (the move's, a temporary password) outlive the refetch that follows a change. */
function EditUser({ user, orgTree, orgName }: { user: AdminUser; orgTree: OrgNode[]; orgName: (p: string) => string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: adminKeys.all });
  const [temp, setTemp] = useState<string>();
  const [target, setTarget] = useState<string>();
  const [rule, setRule] = useState<'stay' | 'return-to-group'>('return-to-group');
  const expectedVersion = user.version;
  const name = useMutation({ mutationFn: (v: { name: string }) => adminCalls.updateUser(user.id, { name: v.name, expectedVersion }), onSuccess: done });
  const roles = useMutation({ mutationFn: (v: { roles?: RoleRow[] }) => adminCalls.setRoles(user.id, { roles: toGrants(v.roles), expectedVersion }), onSuccess: done });
  const status = useMutation({ mutationFn: () => adminCalls.setStatus(user.id, { disabled: !user.disabled, expectedVersion }), onSuccess: done });
  const reset = useMutation({ mutationFn: () => adminCalls.resetPassword(user.id, { expectedVersion }), onSuccess: (r) => { setTemp(r.temporaryPassword); done(); } });
  const move = useMutation({ mutationFn: () => adminCalls.moveUser(user.id, { orgPath: target!, tasks: rule, expectedVersion }), onSuccess: done });
  const initialRoles: RoleRow[] = user.roles.map((g) => ({ role: g.role, orgPath: g.orgPath, period: g.validFrom || g.validUntil ? [g.validFrom ? dayjs(g.validFrom) : null, g.validUntil ? dayjs(g.validUntil) : null] : null }));
  return (
    <div data-testid="user-drawer">
      <Typography.Paragraph type="secondary">{user.username} · {orgName(user.orgPath)} · v{user.version}</Typography.Paragraph>
      <RoleChips roles={user.roles} orgName={orgName} />
      <Divider titlePlacement="start">{t('admin.users.name')}</Divider>
      <ErrorAlert error={name.error} />
      <Form layout="inline" initialValues={{ name: user.name }} onFinish={(v) => name.mutate(v)}>
        <Form.Item name="name" rules={[{ required: true, max: 100 }]}><Input aria-label={t('admin.users.name')} /></Form.Item>
        <Button htmlType="submit" loading={name.isPending}>{t('admin.save')}</Button>
      </Form>
      <Divider titlePlacement="start">{t('admin.users.roles')}</Divider>
      <ErrorAlert error={roles.error} />
      <Form initialValues={{ roles: initialRoles }} onFinish={(v) => roles.mutate(v)}>
        <RolesEditor orgTree={orgTree} />
        <div><Button htmlType="submit" style={{ marginTop: 8 }} loading={roles.isPending}>{t('admin.users.saveRoles')}</Button></div>
      </Form>
      <Divider titlePlacement="start">{t('admin.users.move')}</Divider>
      <ErrorAlert error={move.error} />
      {move.data && <Alert type="success" showIcon style={{ marginBottom: 8 }} title={t('admin.users.moved', { released: move.data.released.length })} data-testid="moved" />}
      <Space direction="vertical" style={{ width: '100%' }}>
        <TreeSelect aria-label={t('admin.users.moveTo')} placeholder={t('admin.users.moveTo')} value={target} onChange={setTarget} treeData={orgTree} style={{ width: '100%' }}
          showSearch treeNodeFilterProp="title" data-testid="move-target" />
        <Radio.Group value={rule} onChange={(e) => setRule(e.target.value as 'stay' | 'return-to-group')} aria-label={t('admin.users.taskRule')}>
          <Radio value="return-to-group">{t('admin.users.rule.return-to-group')}</Radio>
          <Radio value="stay">{t('admin.users.rule.stay')}</Radio>
        </Radio.Group>
        <Button disabled={!target} loading={move.isPending} onClick={() => move.mutate()} data-testid="move-user">{t('admin.users.move')}</Button>
      </Space>
      <Divider titlePlacement="start">{t('admin.users.identityLinks')}</Divider>
      <IdentityLinks userId={user.id} />
      <Divider titlePlacement="start">{t('admin.users.account')}</Divider>
      <ErrorAlert error={status.error ?? reset.error} />
      {temp && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('admin.users.tempPassword')} description={<code data-testid="temp-password">{temp}</code>} />}
      <Space wrap>
        <Popconfirm title={user.disabled ? t('admin.users.enableConfirm') : t('admin.users.disableConfirm')} onConfirm={() => status.mutate()} okText={t('action.confirm')} cancelText={t('action.cancel')}>
          <Button danger={!user.disabled} loading={status.isPending} data-testid="toggle-status">{user.disabled ? t('admin.users.enable') : t('admin.users.disable')}</Button>
        </Popconfirm>
        <Popconfirm title={t('admin.users.resetConfirm')} onConfirm={() => reset.mutate()} okText={t('action.confirm')} cancelText={t('action.cancel')}>
          <Button loading={reset.isPending}>{t('admin.users.resetPassword')}</Button>
        </Popconfirm>
      </Space>
    </div>
  );
}
