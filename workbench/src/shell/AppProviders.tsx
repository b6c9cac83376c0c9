/**
 * Providers of the whole app: antd with the zh-CN (or en) locale and an accessible theme, dayjs in
 * the same language, the server cache (react-query: no retry of 4xx answers), and the router.
 */
import { useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/ApiError.ts';
import '../i18n/i18n.ts';
import { workbenchTheme } from './theme.ts';

/** A query client that retries only network failures and 5xx, never a coded 4xx answer. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (count, err) => count < 2 && (!(err instanceof ApiError) || err.status === 0 || err.status >= 500),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}

/** antd, dayjs and the query cache for `children` (the router is separate so stories can use a memory router). */
/** `zeroRuntime`: antd's styles come from the build's static sheet (the built app; see theme.ts). */
export function UiProviders({ children, client, zeroRuntime = false }: { children: ReactNode; client?: QueryClient; zeroRuntime?: boolean }) {
  const { i18n } = useTranslation();
  const [queryClient] = useState(() => client ?? createQueryClient());
  const en = i18n.language === 'en';
  dayjs.locale(en ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={en ? enUS : zhCN} theme={workbenchTheme(zeroRuntime)}>
      <AntApp>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** Everything the running app needs around its routes. */
export function AppProviders({ children, zeroRuntime }: { children: ReactNode; zeroRuntime?: boolean }) {
  return (
    <BrowserRouter>
      <UiProviders zeroRuntime={zeroRuntime}>{children}</UiProviders>
    </BrowserRouter>
  );
}
