/** Loading, empty, error and not-found states shared by every screen. */
import type { Meta, StoryObj } from '@storybook/react';
import { ApiError } from '../api/ApiError.ts';
import { EmptyState } from './EmptyState.tsx';
import { ErrorState } from './ErrorState.tsx';
import { LoadingState } from './LoadingState.tsx';
import { NotFound } from './NotFound.tsx';

const meta: Meta = { title: 'Shared/States' };
export default meta;

export const Loading: StoryObj = { render: () => <LoadingState /> };
export const Empty: StoryObj = { render: () => <EmptyState label="暂无待办" /> };
export const ApiErrorShown: StoryObj = { render: () => <ErrorState error={new ApiError('case.version-conflict', '案件已被他人更新，请刷新后重试', 409)} onRetry={() => undefined} /> };
export const Offline: StoryObj = { render: () => <ErrorState error={new ApiError('network.offline', 'Failed to fetch', 0)} onRetry={() => undefined} /> };
export const ServerError: StoryObj = { render: () => <ErrorState error={new ApiError('internal', '服务器内部错误', 500, { requestId: 'req-42' })} /> };
export const PageNotFound: StoryObj = { render: () => <NotFound /> };
