/** Stories of ScenarioList, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { ScenarioList } from './ScenarioList.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof ScenarioList> = { title: '设计器/ScenarioList', component: ScenarioList };
export default meta;
type Story = StoryObj<typeof ScenarioList>;

export const OneScenario: Story = { render: () => <StoryEditor><ScenarioList scenarios={[{ name: '上报后待复核', script: { case: { orgPath: '/510722/510722001/510722001001/510722001001002', by: 'u-grid-worker-510722001001002-1', at: '2026-03-02T01:00:00Z', data: { shopName: '张记' } }, steps: [] }, expect: { state: 'review', status: 'active' } }]} onLoad={() => {}} onRemove={() => {}} /></StoryEditor> };
