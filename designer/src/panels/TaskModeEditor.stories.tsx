/** Stories of TaskModeEditor, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { TaskModeEditor } from './TaskModeEditor.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';

const meta: Meta<typeof TaskModeEditor> = { title: '设计器/TaskModeEditor', component: TaskModeEditor };
export default meta;
type Story = StoryObj<typeof TaskModeEditor>;

export const Countersign: Story = { render: () => <StoryEditor><TaskModeEditor pointer="/states/review" task={{ ...fixtureDefinition().states.review!.task!, mode: 'all', passRatio: 0.5 }} /></StoryEditor> };
export const Vote: Story = { render: () => <StoryEditor><TaskModeEditor pointer="/states/review" task={{ ...fixtureDefinition().states.review!.task!, mode: 'vote', vote: { threshold: 0.5 } }} /></StoryEditor> };
