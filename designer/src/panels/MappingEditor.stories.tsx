/** Stories of MappingEditor, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { MappingEditor } from './MappingEditor.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof MappingEditor> = { title: '设计器/MappingEditor', component: MappingEditor };
export default meta;
type Story = StoryObj<typeof MappingEditor>;

export const FromSchema: Story = { render: () => <StoryEditor><MappingEditor value={{ phone: { var: 'data.note' } }} onChange={() => {}} schema={{ properties: { phone: { title: { 'zh-CN': '手机号' } }, text: { title: { 'zh-CN': '内容' } } }, required: ['phone'] }} /></StoryEditor> };
