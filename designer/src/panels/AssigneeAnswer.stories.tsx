/** Stories of AssigneeAnswer, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { AssigneeAnswer } from './AssigneeAnswer.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof AssigneeAnswer> = { title: '设计器/AssigneeAnswer', component: AssigneeAnswer };
export default meta;
type Story = StoryObj<typeof AssigneeAnswer>;

export const SampleCounty: Story = { render: () => <StoryEditor><AssigneeAnswer stateId="review" /></StoryEditor> };
