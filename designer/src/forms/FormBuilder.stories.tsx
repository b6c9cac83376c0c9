/** Stories of FormBuilder, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { FormBuilder } from './FormBuilder.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof FormBuilder> = { title: '设计器/FormBuilder', component: FormBuilder };
export default meta;
type Story = StoryObj<typeof FormBuilder>;

export const Intake: Story = { render: () => <StoryEditor><FormBuilder /></StoryEditor> };
