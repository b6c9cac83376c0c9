/**
 * The designer as the shell mounts it at /designer/*: antd (zh-CN or en), its own react-query
 * client and i18n, and routes relative to the shell's router: the item list and an item's editor.
 */
import { useMemo } from 'react';
import { App as AntApp, ConfigProvider, Result } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { createI18n } from './i18n/createI18n.ts';
import { ItemList } from './list/ItemList.tsx';
import { EditorPage } from './editor/EditorPage.tsx';
import type { DesignerAppProps } from './shell/shellApi.ts';
import { PreviewFormContext } from './shell/previewFormContext.ts';

export default function DesignerApp({ basePath, api, user, lang, previewForm }: DesignerAppProps) {
  const i18n = useMemo(() => createI18n(lang), [lang]);
  const client = useMemo(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }), []);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  const base = basePath.replace(/\/+$/, '');
  if (!user.roles.includes('county-admin')) {
    return <Result status="403" title={lang === 'en' ? 'Only county admins use the designer' : '只有县级管理员可以使用设计器'} />;
  }
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>
      <AntApp>
        <I18nextProvider i18n={i18n}>
          <QueryClientProvider client={client}>
            <PreviewFormContext.Provider value={previewForm}>
              <Routes>
                <Route index element={<ItemList api={api} lang={lang} basePath={base} />} />
                <Route path=":id" element={<EditorPage api={api} user={user} lang={lang} basePath={base} />} />
              </Routes>
            </PreviewFormContext.Provider>
          </QueryClientProvider>
        </I18nextProvider>
      </AntApp>
    </ConfigProvider>
  );
}
