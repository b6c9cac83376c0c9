/** Stories of TemplatesPanel, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { TemplatesPanel } from './TemplatesPanel.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { withTemplate } from '../testing/storyDefinitions.ts';

const meta: Meta<typeof TemplatesPanel> = { title: '设计器/TemplatesPanel', component: TemplatesPanel };
export default meta;
type Story = StoryObj<typeof TemplatesPanel>;

export const WithPreview: Story = { render: () => <StoryEditor definition={withTemplate()}><TemplatesPanel /></StoryEditor> };
