/** Stories of ImpactTable: the running cases of version 1 replayed on a draft. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { ImpactTable } from './ImpactTable.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof ImpactTable> = { title: '设计器/ImpactTable', component: ImpactTable };
export default meta;
type Story = StoryObj<typeof ImpactTable>;

const report = { from: 1, to: 2, cases: [
  { caseId: 'c-1', ref: 'TB20261002A', state: 'review', replayedState: 'review', changesState: false, tasks: { lost: [], gained: [] } },
  { caseId: 'c-2', ref: 'TB20261002B', state: 'inspect', replayedState: 'review', changesState: true, tasks: { lost: ['t-inspect'], gained: ['review'] } },
  { caseId: 'c-3', ref: 'TB20261002C', state: 'review', replayedState: 'review', changesState: false, tasks: { lost: [], gained: [] },
    stops: { index: 2, type: 'task.approve', diagnostics: [{ code: 'run.no-transition', path: '/states/review/on', message: { 'zh-CN': '复核 没有 approve 的转移', en: 'review has no approve transition' } }] } },
] };

export const ThreeCases: Story = { render: () => <StoryEditor><ImpactTable report={report} chosen={['c-2']} onChoose={() => {}} /></StoryEditor> };
export const NoRunningCases: Story = { render: () => <StoryEditor><ImpactTable report={{ from: 3, to: 4, cases: [] }} chosen={[]} onChoose={() => {}} /></StoryEditor> };
