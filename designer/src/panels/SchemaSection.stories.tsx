/** Stories of SchemaSection, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { SchemaSection } from './SchemaSection.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';

const meta: Meta<typeof SchemaSection> = { title: '设计器/SchemaSection', component: SchemaSection };
export default meta;
type Story = StoryObj<typeof SchemaSection>;

export const FinalState: Story = { render: () => <StoryEditor><SchemaSection defName="state" only={['outcome', 'tags']} pointer="/states/closed" value={{ outcome: 'done' }} /></StoryEditor> };
export const WholeState: Story = { render: () => <StoryEditor><SchemaSection defName="state" only={['title', 'task', 'wait', 'subcase', 'entry', 'exit', 'outcome', 'tags']} pointer="/states/review" value={fixtureDefinition().states.review as Record<string, unknown>} /></StoryEditor> };
export const Transition: Story = { render: () => <StoryEditor><SchemaSection defName="transition" only={['target', 'guard', 'requires', 'roles', 'set', 'effects', 'extend', 'description']} pointer="/states/review/on/approve" value={{ target: 'closed' }} /></StoryEditor> };
