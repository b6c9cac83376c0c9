/** Stories of FormPreview, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { FormPreview } from './FormPreview.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';

const meta: Meta<typeof FormPreview> = { title: '设计器/FormPreview', component: FormPreview };
export default meta;
type Story = StoryObj<typeof FormPreview>;

export const Intake: Story = { render: () => <StoryEditor><FormPreview def={fixtureDefinition()} formId="intake" lang="zh-CN" /></StoryEditor> };
