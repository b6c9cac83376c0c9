/** Role chips: active grants in blue, an acting role whose period ended in grey. */
import type { Meta, StoryObj } from '@storybook/react';
import { RoleChips } from './RoleChips.tsx';

const meta: Meta<typeof RoleChips> = { title: 'Admin/RoleChips', component: RoleChips };
export default meta;
const names: Record<string, string> = { '/510722/510722100': '东城镇', '/510722/510722100/510722100001': '幸福社区' };

export const Mixed: StoryObj<typeof RoleChips> = {
  args: {
    orgName: (p: string) => names[p] ?? p,
    roles: [
      { role: 'community-officer', orgPath: '/510722/510722100/510722100001', validFrom: null, validUntil: null, active: true },
      { role: 'township-reviewer', orgPath: '/510722/510722100', validFrom: Date.UTC(2026, 0, 1), validUntil: Date.UTC(2026, 1, 1), active: false },
    ],
  },
};
