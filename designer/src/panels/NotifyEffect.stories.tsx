/** Stories of NotifyEffect, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { NotifyEffect } from './NotifyEffect.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { withTemplate } from '../testing/storyDefinitions.ts';

const meta: Meta<typeof NotifyEffect> = { title: '设计器/NotifyEffect', component: NotifyEffect };
export default meta;
type Story = StoryObj<typeof NotifyEffect>;

export const SmsToInitiator: Story = { render: () => <StoryEditor definition={withTemplate()}><NotifyEffect value={{ template: 'done', channel: 'sms', to: { to: 'initiator' } }} onChange={() => {}} /></StoryEditor> };
