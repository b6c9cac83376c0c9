/** Stories of SchemaSection, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { SchemaSection } from './SchemaSection.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof SchemaSection> = { title: '设计器/SchemaSection', component: SchemaSection };
export default meta;
type Story = StoryObj<typeof SchemaSection>;

export const FinalState: Story = { render: () => <StoryEditor><SchemaSection defName="state" only={['outcome', 'tags']} pointer="/states/closed" value={{ outcome: 'done' }} /></StoryEditor> };
