/** Stories of ConditionField, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { ConditionField } from './ConditionField.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';

const meta: Meta<typeof ConditionField> = { title: '设计器/ConditionField', component: ConditionField };
export default meta;
type Story = StoryObj<typeof ConditionField>;

export const Builder: Story = { render: () => <StoryEditor><ConditionField value={{ '==': [{ var: 'data.shopName' }, '张记'] }} onChange={() => {}} def={fixtureDefinition()} lang="zh-CN" /></StoryEditor> };
export const JsonFallback: Story = { render: () => <StoryEditor><ConditionField value={{ '!!': { var: 'data.note' } }} onChange={() => {}} def={fixtureDefinition()} lang="zh-CN" /></StoryEditor> };
