/** Stories of SimulatePanel, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { SimulatePanel } from './SimulatePanel.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof SimulatePanel> = { title: '设计器/SimulatePanel', component: SimulatePanel };
export default meta;
type Story = StoryObj<typeof SimulatePanel>;

export const Ready: Story = { render: () => <StoryEditor><SimulatePanel /></StoryEditor> };
export const English: Story = { render: () => <StoryEditor lang="en"><SimulatePanel /></StoryEditor> };
