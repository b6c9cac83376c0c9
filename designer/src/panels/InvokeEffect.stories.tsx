/** Stories of InvokeEffect, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { InvokeEffect } from './InvokeEffect.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof InvokeEffect> = { title: '设计器/InvokeEffect', component: InvokeEffect };
export default meta;
type Story = StoryObj<typeof InvokeEffect>;

export const AdapterCall: Story = { render: () => <StoryEditor><InvokeEffect value={{ operation: 'sms-gateway.send', input: {} }} onChange={() => {}} /></StoryEditor> };
