import type { Meta, StoryObj } from '@storybook/react';
import { PointsHistory } from './PointsHistory.tsx';

const meta: Meta<typeof PointsHistory> = { title: 'community/PointsHistory', component: PointsHistory };
export default meta;
type Story = StoryObj<typeof PointsHistory>;

const rule = (id: string, zh: string, en: string, points: number) => ({ id, title: { 'zh-CN': zh, en }, unit: 'each' as const, points, enabled: true, updatedBy: 'system', updatedAt: 0 });
const entry = (id: string, kind: 'earn' | 'redeem' | 'reversal', points: number, ruleId: string | null, reversed = false) => ({
  id, personId: 'u-resident-1', orgPath: '/510722/510722100/510722100001', kind, ruleId, activityRef: 'CO-2025-0001', quantity: 1, points, rewardId: kind === 'redeem' ? '环保袋' : null,
  reverses: null, reversed, note: null, createdBy: 'system', createdAt: Date.UTC(2025, 2, 10, 2),
});

export const WithHistory: Story = { args: { balance: 5, rules: [rule('meeting-attendance', '参加议事', 'Meeting attendance', 2), rule('proposal-accepted', '议题被采纳', 'Proposal accepted', 5)],
  entries: [entry('e3', 'redeem', -2, null), entry('e2', 'earn', 5, 'proposal-accepted'), entry('e1', 'earn', 2, 'meeting-attendance')] } };
export const Empty: Story = { args: { balance: 0, rules: [], entries: [] } };
/** The staff view: 冲正 on entries not yet reversed. */
export const WithReverse: Story = { args: { ...WithHistory.args, onReverse: () => undefined } };
