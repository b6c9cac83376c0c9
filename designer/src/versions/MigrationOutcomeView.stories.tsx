/** Stories of MigrationOutcomeView: what a publish with a migration did. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { MigrationOutcomeView } from './MigrationOutcomeView.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { ApiError } from '../shell/shellApi.ts';

const meta: Meta<typeof MigrationOutcomeView> = { title: '设计器/MigrationOutcomeView', component: MigrationOutcomeView };
export default meta;
type Story = StoryObj<typeof MigrationOutcomeView>;

const plan = { from: 1, cases: ['c-1', 'c-2'], mapping: { states: {} } };
const left = [{ caseId: 'c-2', diagnostics: [{ code: 'migrate.state-unmapped', path: '/mapping/states/inspect', message: { 'zh-CN': '状态 inspect 在新版本中不存在，且未映射', en: 'State inspect is not in the new version and is not mapped' } }] }];

export const OneMovedOneLeft: Story = { render: () => <StoryEditor><MigrationOutcomeView version={2} plan={plan} outcome={{ migrated: [{ caseId: 'c-1', version: 2 }], left }} /></StoryEditor> };
export const MigrationFailed: Story = { render: () => <StoryEditor><MigrationOutcomeView version={2} plan={plan} error={new ApiError(503, 'store.unavailable', '数据库暂不可用')} /></StoryEditor> };
