import type { Meta, StoryObj } from '@storybook/react';
import { Typography } from 'antd';
import { ApiError } from '../api/ApiError.ts';
import { ReverseDialog } from './ReverseDialog.tsx';

const meta: Meta<typeof ReverseDialog> = {
  title: 'community/ReverseDialog', component: ReverseDialog,
  // the dialog renders in a portal: a caption keeps the story's own frame readable
  render: (args) => <><Typography.Text>积分冲正</Typography.Text><ReverseDialog {...args} /></>,
  args: { pending: false, error: null, onSubmit: () => undefined, onCancel: () => undefined, entry: {
    id: 'e1', personId: 'u-resident-1', orgPath: '/510722/510722100/510722100001', kind: 'redeem', ruleId: null, activityRef: null, quantity: null, points: -20,
    rewardId: 'r1', reverses: null, reversed: false, note: null, createdBy: 'u-officer', createdAt: Date.UTC(2025, 2, 10, 2) } },
};
export default meta;
type Story = StoryObj<typeof ReverseDialog>;

export const Open: Story = {};
export const Refused: Story = { args: { error: new ApiError('points.insufficient', '积分余额不足', 409) } };
