/** Stories of Palette, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { Palette } from './Palette.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof Palette> = { title: '设计器/Palette', component: Palette };
export default meta;
type Story = StoryObj<typeof Palette>;

export const Default: Story = { render: () => <StoryEditor><Palette /></StoryEditor> };
