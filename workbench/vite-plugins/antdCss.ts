/**
 * `virtual:tongban-antd-css`, imported by the app's entry only. In a production build it brings a
 * static stylesheet of every antd component rendered with the workbench theme (extracted at build
 * time with @ant-design/static-style-extract) and turns antd's zero-runtime mode on; in the dev
 * server it turns nothing on (antd computes its styles at run time, as in Storybook and the tests).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createElement, type ReactElement } from 'react';
import type { Plugin } from 'vite';
import { workbenchTheme } from '../src/shell/theme.ts';

const id = 'virtual:tongban-antd-css';

/** antd's styles for the workbench theme, as CSS text. */
export async function antdStaticCss(): Promise<string> {
  const [{ extractStyle }, { ConfigProvider }] = await Promise.all([import('@ant-design/static-style-extract'), import('antd')]);
  // rendered without zero-runtime, so every component registers its styles for the extraction
  return extractStyle((node: ReactElement) => createElement(ConfigProvider, { theme: workbenchTheme(false) }, node));
}

/** The plugin; `cacheDir` is where the built sheet is written for Vite to bundle. */
export function antdCss(cacheDir: string): Plugin {
  let build = false;
  return {
    name: 'tongban-antd-css',
    configResolved(c) { build = c.command === 'build'; },
    resolveId: (source) => (source === id ? '\0' + id : undefined),
    async load(resolved) {
      if (resolved !== '\0' + id) return undefined;
      if (!build) return 'export const zeroRuntime = false;';
      const file = path.join(cacheDir, 'antd-static.css');
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(file, await antdStaticCss());
      return `import ${JSON.stringify(file)};\nexport const zeroRuntime = true;`;
    },
  };
}
