/**
 * The routes. Every screen is its own lazily loaded chunk, so the first page (login or the queue)
 * loads only the shell; the designer and the oversight charts load when opened.
 */
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from './useSession.ts';
import { ShellLayout } from './ShellLayout.tsx';
import { LoadingState } from '../shared/LoadingState.tsx';
import { LoginPage } from './LoginPage.tsx';
import { NotFound } from '../shared/NotFound.tsx';
import { SessionExpiryRedirect } from './SessionExpiryRedirect.tsx';

const HomePage = lazy(() => import('../home/HomePage.tsx'));
const QueuePage = lazy(() => import('../tasks/QueuePage.tsx'));
const DonePage = lazy(() => import('../tasks/DonePage.tsx'));
const CasesPage = lazy(() => import('../cases/CasesPage.tsx'));
const CasePage = lazy(() => import('../cases/CasePage.tsx'));
const StartPage = lazy(() => import('../intake/StartPage.tsx'));
const ReportPage = lazy(() => import('../intake/ReportPage.tsx'));
const InboxPage = lazy(() => import('../inbox/InboxPage.tsx'));
const OversightPage = lazy(() => import('../oversight/OversightPage.tsx'));
const AuditPage = lazy(() => import('../oversight/AuditPage.tsx'));
const DesignerMount = lazy(() => import('../designer/DesignerMount.tsx'));
const AdminRoutes = lazy(() => import('../admin/AdminRoutes.tsx'));
const OidcCallbackPage = lazy(() => import('./OidcCallbackPage.tsx'));
const PointsPage = lazy(() => import('../community/PointsPage.tsx'));
const PointsAdminPage = lazy(() => import('../community/PointsAdminPage.tsx'));

function RequireAuth({ children }: { children: React.ReactNode }) {
  const session = useSession();
  const loc = useLocation();
  if (!session) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  return <>{children}</>;
}

/** The app's routes inside the shell. */
export function AppRoutes() {
  return (
    <>
      <SessionExpiryRedirect />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/login/oidc" element={<Lazy><OidcCallbackPage /></Lazy>} />
        <Route element={<RequireAuth><ShellLayout /></RequireAuth>}>
          <Route index element={<Lazy><HomePage /></Lazy>} />
          <Route path="tasks" element={<Lazy><QueuePage /></Lazy>} />
          <Route path="tasks/done" element={<Lazy><DonePage /></Lazy>} />
          <Route path="cases" element={<Lazy><CasesPage scope="all" /></Lazy>} />
          <Route path="cases/mine" element={<Lazy><CasesPage scope="mine" /></Lazy>} />
          <Route path="cases/:id" element={<Lazy><CasePage /></Lazy>} />
          <Route path="start" element={<Lazy><StartPage /></Lazy>} />
          <Route path="start/:definitionId" element={<Lazy><ReportPage /></Lazy>} />
          <Route path="inbox" element={<Lazy><InboxPage /></Lazy>} />
          <Route path="points" element={<Lazy><PointsPage /></Lazy>} />
          <Route path="points/manage" element={<Lazy><PointsAdminPage /></Lazy>} />
          <Route path="oversight" element={<Lazy><OversightPage /></Lazy>} />
          <Route path="audit" element={<Lazy><AuditPage /></Lazy>} />
          <Route path="designer/*" element={<Lazy><DesignerMount /></Lazy>} />
          <Route path="admin/*" element={<Lazy><AdminRoutes /></Lazy>} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </>
  );
}

function Lazy({ children }: { children: React.ReactNode }) {
  return <Suspense fallback={<LoadingState />}>{children}</Suspense>;
}
