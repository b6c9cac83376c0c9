import type { Meta, StoryObj } from '@storybook/react';
import { RulesTable } from './RulesTable.tsx';
import { sampleRules } from './pointsFixtures.ts';

const meta: Meta<typeof RulesTable> = { title: 'community/RulesTable', component: RulesTable };
export default meta;
type Story = StoryObj<typeof RulesTable>;

/** What staff other than the county admin see. */
export const ReadOnly: Story = { args: { rules: sampleRules } };
/** The county admin's view, with 编辑. */
export const Editable: Story = { args: { rules: sampleRules, onSave: async () => undefined } };
