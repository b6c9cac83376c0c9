/** Stories of ProblemsPanel, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';

const meta: Meta<typeof ProblemsPanel> = { title: '设计器/ProblemsPanel', component: ProblemsPanel };
export default meta;
type Story = StoryObj<typeof ProblemsPanel>;

export const WithErrors: Story = { render: () => <StoryEditor definition={{ ...fixtureDefinition(), states: { ...fixtureDefinition().states, review: { ...fixtureDefinition().states.review!, on: { approve: { target: 'nowhere' } } } } }}><ProblemsPanel /></StoryEditor> };
export const Clean: Story = { render: () => <StoryEditor><ProblemsPanel /></StoryEditor> };
