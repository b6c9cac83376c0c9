/** Stories of SlaEditor, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { SlaEditor } from './SlaEditor.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';

const meta: Meta<typeof SlaEditor> = { title: '设计器/SlaEditor', component: SlaEditor };
export default meta;
type Story = StoryObj<typeof SlaEditor>;

export const WorkingDays: Story = { render: () => <StoryEditor><SlaEditor pointer="/states/review" task={{ ...fixtureDefinition().states.review!.task!, sla: { within: 'P2D', clock: 'working', warnAt: 0.67, onBreach: [{ remind: { times: 2, every: 'PT4H', template: 'x' } }, { after: 'P1D', escalate: { levels: 1, role: 'community-officer' } }] } }} /></StoryEditor> };
export const NoLimit: Story = { render: () => <StoryEditor><SlaEditor pointer="/states/review" task={{ ...fixtureDefinition().states.review!.task!, sla: undefined }} /></StoryEditor> };
