/** Stories of OperationsEditor, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { OperationsEditor } from './OperationsEditor.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';

const meta: Meta<typeof OperationsEditor> = { title: '设计器/OperationsEditor', component: OperationsEditor };
export default meta;
type Story = StoryObj<typeof OperationsEditor>;

export const TransferAndUrge: Story = { render: () => <StoryEditor><OperationsEditor pointer="/states/review" task={{ ...fixtureDefinition().states.review!.task!, allow: ['transfer', 'urge'] }} /></StoryEditor> };
