/** 剩余时限 in each status (the live countdown needs the county calendar from the server; here the figures as served). */
import type { Meta, StoryObj } from '@storybook/react';
import { DeadlineTag } from './DeadlineTag.tsx';
import type { Deadline } from './liveDeadline.ts';

const meta: Meta<typeof DeadlineTag> = { title: 'Shared/DeadlineTag', component: DeadlineTag };
export default meta;
const base: Deadline = { dueAt: Date.UTC(2030, 0, 7, 8), warnAt: Date.UTC(2030, 0, 7, 6), clock: 'working', calendar: 'county-default', remainingMs: 2 * 3_600_000 + 15 * 60_000, overdueMs: null, status: 'on-track', pausedReason: null, computedAt: Date.UTC(2030, 0, 7, 4) };

export const OnTrack: StoryObj<typeof DeadlineTag> = { args: { deadline: base } };
export const AtRisk: StoryObj<typeof DeadlineTag> = { args: { deadline: { ...base, status: 'at-risk', remainingMs: 40 * 60_000 } } };
export const Overdue: StoryObj<typeof DeadlineTag> = { args: { deadline: { ...base, status: 'overdue', remainingMs: null, overdueMs: 26 * 3_600_000, clock: 'urgent' } } };
export const Paused: StoryObj<typeof DeadlineTag> = { args: { deadline: { ...base, status: 'paused', pausedReason: { 'zh-CN': '挂账', en: 'Shelved' } } } };
export const NoDeadline: StoryObj<typeof DeadlineTag> = { args: { deadline: { ...base, status: 'none', dueAt: null, clock: null, remainingMs: null } } };
