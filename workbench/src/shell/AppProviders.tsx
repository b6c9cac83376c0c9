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
export function UiProviders({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const { i18n } = useTranslation();
  const [queryClient] = useState(() => client ?? createQueryClient());
  const en = i18n.language === 'en';
  dayjs.locale(en ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={en ? enUS : zhCN} theme={{ token: { colorPrimary: '#0958d9', colorLink: '#0958d9', colorLinkHover: '#003eb3', colorPrimaryHover: '#003eb3', colorPrimaryActive: '#002c8c', colorPrimaryTextHover: '#003eb3', colorTextDisabled: 'rgba(0,0,0,0.56)', colorTextQuaternary: 'rgba(0,0,0,0.56)', colorSuccess: '#237804', colorWarning: '#ad4e00', colorError: '#cf1322', colorTextDescription: 'rgba(0,0,0,0.65)', colorTextTertiary: 'rgba(0,0,0,0.62)', colorTextPlaceholder: 'rgba(0,0,0,0.55)' } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** Everything the running app needs around its routes. */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <BrowserRouter>
      <UiProviders>{children}</UiProviders>
    </BrowserRouter>
  );
}
