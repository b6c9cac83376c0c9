/** Storybook 10 for the workbench's shared components and form widgets (`npm run storybook -w @tongban/workbench`). */
import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../src/**/*.stories.tsx'],
};
export default config;
