/** 中文 / English switch. */
import type { Meta, StoryObj } from '@storybook/react';
import { LangSwitch } from './LangSwitch.tsx';

const meta: Meta<typeof LangSwitch> = { title: 'Shell/LangSwitch', component: LangSwitch };
export default meta;
export const Default: StoryObj<typeof LangSwitch> = {};
