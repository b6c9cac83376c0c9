/** Stories of AssigneeEditor, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { AssigneeEditor } from './AssigneeEditor.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';

const meta: Meta<typeof AssigneeEditor> = { title: '设计器/AssigneeEditor', component: AssigneeEditor };
export default meta;
type Story = StoryObj<typeof AssigneeEditor>;

export const RoleAtCommunity: Story = { render: () => <StoryEditor><AssigneeEditor stateId="review" pointer="/states/review" task={fixtureDefinition().states.review!.task!} /></StoryEditor> };

/** A countersign by two roles: the community officer and the grid leader (each signs under 会签). */
function twoRoles() {
  const d = fixtureDefinition();
  d.roles['grid-leader'] = { title: { 'zh-CN': '网格长', en: 'Grid leader' }, level: 'community' } as never;
  d.states.review!.task!.assignee = [{ role: 'community-officer', scope: 'community' }, { role: 'grid-leader', scope: 'community' }];
  d.states.review!.task!.mode = 'all';
  return d;
}
export const CountersignByTwoRoles: Story = { render: () => { const d = twoRoles(); return <StoryEditor definition={d}><AssigneeEditor stateId="review" pointer="/states/review" task={d.states.review!.task!} /></StoryEditor>; } };
