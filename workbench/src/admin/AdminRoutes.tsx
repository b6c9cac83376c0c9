/** The routes under /admin, one per entry of adminScreens; /admin opens the first. */
import { Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { LoadingState } from '../shared/LoadingState.tsx';
import { NotFound } from '../shared/NotFound.tsx';
import { adminScreens } from './adminScreens.tsx';

/** 系统管理's routes. */
export default function AdminRoutes() {
  return (
    <Suspense fallback={<LoadingState />}>
      <Routes>
        <Route index element={<Navigate to={adminScreens[0]!.path} replace />} />
        {adminScreens.map((s) => <Route key={s.path} path={`${s.path}/*`} element={<s.page />} />)}
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
