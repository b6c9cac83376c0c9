/** Storybook 10 for the workbench's shared components and form widgets (`npm run storybook -w @tongban/workbench`). */
import type { StorybookConfig } from '@storybook/react-vite';
import type { PluginOption } from 'vite';

/**
 * Plugins of the app's own build (vite.config.ts) that Storybook must not run: the inline boot
 * script and its per-screen preload lists look for the app's screens in the bundle (a Storybook
 * bundle has none, and the build failed on it), the precompression writes beside the app's assets,
 * and the build-time antd stylesheet is for the app's entry (stories keep antd's run-time styles).
 */
const APP_ONLY = new Set(['tongban-boot-script', 'tongban-precompress', 'tongban-antd-css']);

function withoutAppOnly(plugins: PluginOption[] | undefined): PluginOption[] {
  return (plugins ?? []).flatMap((p): PluginOption[] => {
    if (Array.isArray(p)) return withoutAppOnly(p);
    if (p && typeof p === 'object' && 'name' in p && APP_ONLY.has(p.name)) return [];
    return [p];
  });
}

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../src/**/*.stories.tsx'],
  viteFinal: (vite) => ({ ...vite, plugins: withoutAppOnly(vite.plugins) }),
};
export default config;
