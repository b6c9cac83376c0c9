/** Stories of VersionsPanel, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { VersionsPanel } from './VersionsPanel.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';

const meta: Meta<typeof VersionsPanel> = { title: '设计器/VersionsPanel', component: VersionsPanel };
export default meta;
type Story = StoryObj<typeof VersionsPanel>;

export const DraftAgainstV1: Story = { render: () => <StoryEditor definition={{ ...fixtureDefinition(), title: { 'zh-CN': '门前三包巡查（新）', en: 'x' } }}><VersionsPanel /></StoryEditor> };
