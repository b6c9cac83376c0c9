/** Stories of Toolbar, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { Toolbar } from './Toolbar.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof Toolbar> = { title: '设计器/Toolbar', component: Toolbar };
export default meta;
type Story = StoryObj<typeof Toolbar>;

export const Unsaved: Story = { render: () => <StoryEditor><Toolbar saveState="unsaved" onSave={() => {}} onLayout={() => {}} onPublish={() => {}} onBack={() => {}} onImportProblems={() => {}} /></StoryEditor> };
export const Conflict: Story = { render: () => <StoryEditor><Toolbar saveState="conflict" onSave={() => {}} onLayout={() => {}} onPublish={() => {}} onBack={() => {}} onImportProblems={() => {}} /></StoryEditor> };
export const English: Story = { render: () => <StoryEditor lang="en"><Toolbar saveState="saved" onSave={() => {}} onLayout={() => {}} onPublish={() => {}} onBack={() => {}} onImportProblems={() => {}} /></StoryEditor> };
