/**
 * Storybook builds with the workbench's own Vite config minus the app's build plugins: the boot
 * script's screen lists look for the app's screens in the bundle, and a Storybook bundle has none
 * (`npm run build-storybook` failed with "the screen … is in no chunk" before the filter).
 */
import { describe, expect, it } from 'vitest';
import type { PluginOption } from 'vite';
import storybook from '../.storybook/main.ts';
import app from '../vite.config.ts';

const names = (plugins: PluginOption[]): string[] => plugins.flatMap((p) => (Array.isArray(p) ? names(p) : p && typeof p === 'object' && 'name' in p ? [p.name] : []));

describe('the workbench Storybook’s Vite config', () => {
  it('keeps the app’s plugins except its build-only ones', async () => {
    const appPlugins = (app as { plugins: PluginOption[] }).plugins;
    expect(names(appPlugins)).toEqual(expect.arrayContaining(['tongban-boot-script', 'tongban-precompress', 'tongban-antd-css', 'tongban-optional-designer']));
    const final = await storybook.viteFinal!({ plugins: appPlugins }, { configType: 'PRODUCTION' } as never);
    const kept = names(final.plugins ?? []);
    for (const n of ['tongban-boot-script', 'tongban-precompress', 'tongban-antd-css']) expect(kept).not.toContain(n);
    expect(kept).toContain('tongban-optional-designer');
    expect(kept.some((n) => n.startsWith('vite:react'))).toBe(true);
  });
});
