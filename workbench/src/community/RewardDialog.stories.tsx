import type { Meta, StoryObj } from '@storybook/react';
import { Typography } from 'antd';
import { ApiError } from '../api/ApiError.ts';
import { RewardDialog } from './RewardDialog.tsx';
import { sampleReward } from './pointsFixtures.ts';

const meta: Meta<typeof RewardDialog> = {
  title: 'community/RewardDialog', component: RewardDialog,
  // the dialog renders in a portal: a caption keeps the story's own frame readable
  render: (args) => <><Typography.Text>兑换物品 · 上架与编辑</Typography.Text><RewardDialog {...args} /></>,
  args: { open: true, orgs: [{ value: '/510722/510722100/510722100001', label: '金鱼社区' }], pending: false, error: null, onSubmit: () => undefined, onCancel: () => undefined },
};
export default meta;
type Story = StoryObj<typeof RewardDialog>;

export const Add: Story = { args: { reward: null } };
export const Edit: Story = { args: { reward: sampleReward('r1', '环保袋', 'Tote bag', 20, 12) } };
export const Refused: Story = { args: { reward: sampleReward('r1', '环保袋', 'Tote bag', 20, 12), error: new ApiError('points.unknown-reward', '兑换物品不存在、已下架或不面向该居民所在社区', 422) } };
