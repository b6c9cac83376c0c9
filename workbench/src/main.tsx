/** The workbench entry: providers (language, antd theme and locale, server cache, router) around the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from './shell/AppProviders.tsx';
import { AppRoutes } from './shell/AppRoutes.tsx';
import { zeroRuntime } from 'virtual:tongban-antd-css';
import './shell/global.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders zeroRuntime={zeroRuntime}>
      <AppRoutes />
    </AppProviders>
  </StrictMode>,
);
