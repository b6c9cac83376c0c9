/** Stories of MigrationPlanner: a mapping for the chosen cases, previewed against the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { MigrationPlanner } from './MigrationPlanner.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof MigrationPlanner> = { title: '设计器/MigrationPlanner', component: MigrationPlanner };
export default meta;
type Story = StoryObj<typeof MigrationPlanner>;

const report = { from: 1, to: 2, cases: [
  { caseId: 'c-1', ref: 'TB20261002A', state: 'review', replayedState: 'review', changesState: false, tasks: { lost: [], gained: [] } },
  { caseId: 'c-2', ref: 'TB20261002B', state: 'inspect', replayedState: 'review', changesState: true, tasks: { lost: ['t-inspect'], gained: ['review'] } },
] };

export const TwoCasesChosen: Story = { render: () => <StoryEditor><MigrationPlanner report={report} chosen={['c-1', 'c-2']} onPlan={() => {}} /></StoryEditor> };
export const English: Story = { render: () => <StoryEditor lang="en"><MigrationPlanner report={report} chosen={['c-2']} onPlan={() => {}} /></StoryEditor> };
