/** Stories of DurationInput, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { DurationInput } from './DurationInput.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof DurationInput> = { title: '设计器/DurationInput', component: DurationInput };
export default meta;
type Story = StoryObj<typeof DurationInput>;

export const TwoDays: Story = { render: () => <StoryEditor><DurationInput value="P2D" lang="zh-CN" onChange={() => {}} /></StoryEditor> };
