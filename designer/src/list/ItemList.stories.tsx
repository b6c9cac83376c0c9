/** Stories of ItemList, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { ItemList } from './ItemList.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { createFixtureApi } from '../testing/fixtureApi.ts';

const meta: Meta<typeof ItemList> = { title: '设计器/ItemList', component: ItemList };
export default meta;
type Story = StoryObj<typeof ItemList>;

export const Items: Story = { render: () => <StoryEditor><ItemList api={createFixtureApi()} lang="zh-CN" basePath="/designer" /></StoryEditor> };
