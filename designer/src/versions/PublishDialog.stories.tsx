/** Stories of PublishDialog, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { PublishDialog } from './PublishDialog.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof PublishDialog> = { title: '设计器/PublishDialog', component: PublishDialog };
export default meta;
type Story = StoryObj<typeof PublishDialog>;

export const Open: Story = { render: () => <StoryEditor><PublishDialog open onClose={() => {}} beforePublish={async () => 1} onPublished={() => {}} /></StoryEditor> };
