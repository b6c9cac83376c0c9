/** Wraps a story in what the designer provides at run time: antd (zh-CN), react-query, an open draft and the fixture API. */
import { useState, type ReactNode } from 'react';
import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../i18n/createI18n.ts';
import type { Definition, DirectoryData } from '@tongban/engine';
import { EditorProvider } from '../editor/EditorContext.tsx';
import type { Selection } from '../lint/diagnosticTarget.ts';
import { useEditor } from '../editor/EditorContext.tsx';
import { useEffect } from 'react';
import { createFixtureApi } from './fixtureApi.ts';
import { fixtureDefinition } from './fixtureDefinition.ts';
import directory from './fixtures/directory.json' with { type: 'json' };

function Select({ selection }: { selection?: Selection }) {
  const { select } = useEditor();
  useEffect(() => { if (selection) select(selection); }, []);
  return null;
}

export function StoryEditor({ children, definition, selection, lang = 'zh-CN' }: { children: ReactNode; definition?: Definition; selection?: Selection; lang?: 'zh-CN' | 'en' }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  const [api] = useState(() => createFixtureApi());
  const [i18n] = useState(() => createI18n(lang));
  return (
    <ConfigProvider locale={zhCN}>
      <App>
        <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={client}>
          <MemoryRouter>
            <EditorProvider initial={definition ?? fixtureDefinition()} api={api} user={{ id: 'u-county-admin', name: '张洋', roles: ['county-admin'] }} lang={lang} directory={directory as DirectoryData}>
              <Select selection={selection} />
              <div data-story-root style={{ padding: 12, height: 640 }}>{children}</div>
            </EditorProvider>
          </MemoryRouter>
        </QueryClientProvider>
        </I18nextProvider>
      </App>
    </ConfigProvider>
  );
}
