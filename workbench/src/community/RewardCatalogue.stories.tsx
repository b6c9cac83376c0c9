import type { Meta, StoryObj } from '@storybook/react';
import { RewardCatalogue } from './RewardCatalogue.tsx';
import { sampleRewards } from './pointsFixtures.ts';

const meta: Meta<typeof RewardCatalogue> = { title: 'community/RewardCatalogue', component: RewardCatalogue };
export default meta;
type Story = StoryObj<typeof RewardCatalogue>;

/** What a resident reads on 我的积分. */
export const ForResidents: Story = { args: { rewards: sampleRewards.filter((r) => r.enabled) } };
/** The staff catalogue with withdrawn rewards and 编辑. */
export const ForStaff: Story = { args: { rewards: sampleRewards, onEdit: () => undefined } };
/** The redemption desk, one redemption in flight. */
export const Redeeming: Story = { args: { rewards: sampleRewards.filter((r) => r.enabled), onRedeem: () => undefined, busy: 'r1' } };
export const Empty: Story = { args: { rewards: [] } };
export const Loading: Story = { args: { rewards: [], loading: true } };
