/** Storybook 10 for the designer's panels: `npm run storybook -w designer`. Stories sit next to their components. */
import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../src/**/*.stories.tsx'],
  framework: { name: '@storybook/react-vite', options: {} },
};
export default config;
