/** Stories of AssigneeEditor, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { AssigneeEditor } from './AssigneeEditor.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';

const meta: Meta<typeof AssigneeEditor> = { title: '设计器/AssigneeEditor', component: AssigneeEditor };
export default meta;
type Story = StoryObj<typeof AssigneeEditor>;

export const RoleAtCommunity: Story = { render: () => <StoryEditor><AssigneeEditor stateId="review" pointer="/states/review" task={fixtureDefinition().states.review!.task!} /></StoryEditor> };
