/**
 * 统一身份认证关联: the OIDC identity links (provider + subject) through which a user signs in with the
 * county's identity provider; an admin sees, adds and removes them (scoped and audited by the server).
 */
import { Button, Form, Input, List, Popconfirm, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { adminCalls, adminKeys } from './adminQueries.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** The links of one user, with the add form. */
export function IdentityLinks({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ provider: string; subject: string }>();
  const links = useQuery({ queryKey: adminKeys.identityLinks(userId), queryFn: () => adminCalls.identityLinks(userId) });
  const saved = (r: { items: Array<{ provider: string; subject: string }> }) => qc.setQueryData(adminKeys.identityLinks(userId), r);
  const add = useMutation({ mutationFn: (v: { provider: string; subject: string }) => adminCalls.linkIdentity(userId, v), onSuccess: (r) => { saved(r); form.resetFields(['subject']); } });
  const remove = useMutation({ mutationFn: (v: { provider: string; subject: string }) => adminCalls.unlinkIdentity(userId, v), onSuccess: saved });
  return (
    <div data-testid="identity-links">
      <ErrorAlert error={links.error ?? add.error ?? remove.error} />
      <List size="small" loading={links.isPending} dataSource={links.data?.items ?? []} locale={{ emptyText: t('admin.users.noLinks') }}
        renderItem={(l) => (
          <List.Item actions={[<Popconfirm key="rm" title={t('admin.users.unlinkConfirm')} onConfirm={() => remove.mutate(l)} okText={t('action.confirm')} cancelText={t('action.cancel')}>
            <Button size="small" danger data-testid="unlink-identity">{t('admin.users.unlink')}</Button></Popconfirm>]}>
            <Typography.Text>{l.provider}</Typography.Text> · <code data-testid="identity-subject">{l.subject}</code>
          </List.Item>
        )} />
      <Form form={form} layout="inline" style={{ marginTop: 8 }} initialValues={{ provider: 'county-idp' }} onFinish={(v) => add.mutate(v)}>
        <Space wrap>
          <Form.Item name="provider" rules={[{ required: true, pattern: /^[A-Za-z0-9._:-]{1,64}$/ }]} noStyle><Input aria-label={t('admin.users.linkProvider')} placeholder={t('admin.users.linkProvider')} style={{ width: 140 }} /></Form.Item>
          <Form.Item name="subject" rules={[{ required: true, max: 191 }]} noStyle><Input aria-label={t('admin.users.linkSubject')} placeholder={t('admin.users.linkSubject')} style={{ width: 200 }} data-testid="link-subject" /></Form.Item>
          <Button htmlType="submit" loading={add.isPending} data-testid="link-identity">{t('admin.users.link')}</Button>
        </Space>
      </Form>
    </div>
  );
}
