/** Stories of PropertiesPanel, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { PropertiesPanel } from './PropertiesPanel.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof PropertiesPanel> = { title: '设计器/PropertiesPanel', component: PropertiesPanel };
export default meta;
type Story = StoryObj<typeof PropertiesPanel>;

export const HumanStep: Story = { render: () => <StoryEditor selection={{ kind: 'state', id: 'review' }}><PropertiesPanel /></StoryEditor> };
export const Transition: Story = { render: () => <StoryEditor selection={{ kind: 'transition', pointer: '/states/review/on/approve', from: 'review' }}><PropertiesPanel /></StoryEditor> };
export const FinalState: Story = { render: () => <StoryEditor selection={{ kind: 'state', id: 'closed' }}><PropertiesPanel /></StoryEditor> };
export const Nothing: Story = { render: () => <StoryEditor><PropertiesPanel /></StoryEditor> };
export const HumanStepEnglish: Story = { render: () => <StoryEditor lang="en" selection={{ kind: 'state', id: 'review' }}><PropertiesPanel /></StoryEditor> };
