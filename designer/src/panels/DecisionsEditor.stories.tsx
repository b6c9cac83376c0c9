/** Stories of DecisionsEditor, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { DecisionsEditor } from './DecisionsEditor.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';

const meta: Meta<typeof DecisionsEditor> = { title: '设计器/DecisionsEditor', component: DecisionsEditor };
export default meta;
type Story = StoryObj<typeof DecisionsEditor>;

export const ApproveAndReject: Story = { render: () => <StoryEditor><DecisionsEditor pointer="/states/review" task={fixtureDefinition().states.review!.task!} /></StoryEditor> };
