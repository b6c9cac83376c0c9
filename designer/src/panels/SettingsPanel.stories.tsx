/** Stories of SettingsPanel, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { SettingsPanel } from './SettingsPanel.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof SettingsPanel> = { title: '设计器/SettingsPanel', component: SettingsPanel };
export default meta;
type Story = StoryObj<typeof SettingsPanel>;

export const Item: Story = { render: () => <StoryEditor><SettingsPanel /></StoryEditor> };
