/** Renders a query's loading, error (404 → the not-found page) and data states the same way on every screen. */
import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../api/ApiError.ts';
import { LoadingState } from './LoadingState.tsx';
import { ErrorState } from './ErrorState.tsx';
import { NotFound } from './NotFound.tsx';

/** Shows `children(data)` once the query has data. */
export function QueryState<T>({ query, children, notFoundAs404 }: { query: UseQueryResult<T>; children: (data: T) => ReactNode; notFoundAs404?: boolean }) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    if (notFoundAs404 && query.error instanceof ApiError && query.error.status === 404) return <NotFound />;
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <>{children(query.data)}</>;
}
