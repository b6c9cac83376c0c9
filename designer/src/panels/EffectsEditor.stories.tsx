/** Stories of EffectsEditor, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { EffectsEditor } from './EffectsEditor.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { withTemplate } from '../testing/storyDefinitions.ts';

const meta: Meta<typeof EffectsEditor> = { title: '设计器/EffectsEditor', component: EffectsEditor };
export default meta;
type Story = StoryObj<typeof EffectsEditor>;

export const NotifyAndAdapter: Story = { render: () => <StoryEditor definition={withTemplate()}><EffectsEditor pointer="/states/review/entry" title="进入时动作" effects={[{ notify: { template: 'done', channel: 'sms', to: { to: 'initiator' } } }, { invoke: { operation: 'sms-gateway.send', input: { phone: { var: 'data.note' } } } }, { spawn: { definition: 'shop-front' } }]} /></StoryEditor> };
