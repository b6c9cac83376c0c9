/**
 * /designer/* — mounts the designer package, loaded only when opened (its own chunk). County admins
 * only (the server refuses drafts and publishing to anyone else); when the designer workspace is not
 * installed the build substitutes DesignerMissing (see vite.config.ts).
 */
import { lazy, Suspense, useMemo } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { authedFetch } from '../api/client.ts';
import { useSession } from '../shell/useSession.ts';
import { rolesOf } from '../shell/session.ts';
import { LoadingState } from '../shared/LoadingState.tsx';
import type { DesignerProps, ShellApi } from './shellApi.ts';
import { previewFormWith } from './PreviewForm.tsx';

const Designer = lazy(() => import('virtual:tongban-designer') as Promise<{ default: React.ComponentType<DesignerProps> }>);
const api: ShellApi = { fetch: authedFetch };

/** The designer's mount point. */
export default function DesignerMount() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const roles = rolesOf(session);
  const client = useQueryClient();
  const previewForm = useMemo(() => previewFormWith(client), [client]);
  if (!roles.includes('county-admin')) return <Result status="403" title={t('designer.forbidden')} />;
  return (
    <Suspense fallback={<LoadingState label={t('designer.loading')} />}>
      <Designer basePath="/designer" api={api} user={{ id: session!.user.id, name: session!.user.name, roles }} lang={i18n.language === 'en' ? 'en' : 'zh-CN'} previewForm={previewForm} />
    </Suspense>
  );
}
