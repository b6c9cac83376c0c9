/**
 * The workbench build. The designer (`@tongban/designer`, another workspace) is mounted at
 * /designer and loaded lazily; until that workspace exists the virtual module `virtual:tongban-designer`
 * resolves to a placeholder screen, so the shell builds with or without it (detected at build time).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { rolldown } from 'rolldown';
import react from '@vitejs/plugin-react';
import { antdCss } from './vite-plugins/antdCss.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
/** True when the designer workspace is installed (npm links it under node_modules/@tongban/designer). */
export const hasDesigner = existsSync(`${root}node_modules/@tongban/designer/package.json`);

function optionalDesigner(): Plugin {
  const id = 'virtual:tongban-designer';
  return {
    name: 'tongban-optional-designer',
    resolveId: (source) => (source === id ? '\0' + id : undefined),
    load: (resolved) => {
      if (resolved !== '\0' + id) return undefined;
      return hasDesigner ? "export { default } from '@tongban/designer';" : "export { default } from '/src/designer/DesignerMissing.tsx';";
    },
  };
}

/** Writes .br and .gz beside each text asset, so the runtime serves them without compressing per request. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'tongban-precompress',
    apply: 'build',
    configResolved(c) { outDir = path.resolve(c.root, c.build.outDir); },
    closeBundle() {
      const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const f of walk(outDir).filter((x) => /\.(js|css|html|svg|json)$/.test(x))) {
        const data = readFileSync(f);
        if (data.length < 1024) continue;
        writeFileSync(f + '.br', brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(f + '.gz', gzipSync(data, { level: 9 }));
      }
    },
  };
}

/**
 * The boot script (src/boot/boot.ts), bundled on its own into one small script and inlined at the
 * top of index.html: it runs as the HTML is parsed, before any file is requested, and sends the
 * opened screen's first API requests (see src/boot/earlyRequests.ts). A module script of its own
 * was one round trip later, and the chunk it shared with the app queued behind the app's files on
 * the browser's six connections (the case page's reads started ~450 ms after the HTML). Beside it,
 * the files of the queue and case screens, which the script preloads when one of them is opened.
 * The server allows this inline script by its hash in the page's Content-Security-Policy.
 */
function bootScript(): Plugin {
  const entry = fileURLToPath(new URL('./src/boot/boot.ts', import.meta.url));
  const screens = { queue: '/src/tasks/QueuePage.tsx', case: '/src/cases/CasePage.tsx' };
  let code = '';
  return {
    name: 'tongban-boot-script',
    apply: 'build',
    async buildStart() {
      const bundle = await rolldown({ input: entry, platform: 'browser', logLevel: 'silent' });
      try {
        code = (await bundle.generate({ format: 'iife', minify: true })).output[0].code.trim();
      } finally {
        await bundle.close();
      }
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        /** The screen's chunk and every chunk it imports statically, as URLs. */
        const filesOf = (suffix: string): string[] => {
          const top = chunks.find((c) => c.facadeModuleId?.endsWith(suffix)) ?? chunks.find((c) => c.moduleIds.some((m) => m.endsWith(suffix)));
          if (!top) throw new Error(`the screen ${suffix} is in no chunk`);
          const seen = new Set<string>();
          const visit = (name: string) => { if (seen.has(name)) return; seen.add(name); for (const i of byName.get(name)?.imports ?? []) visit(i); };
          visit(top.fileName);
          return [...seen].map((f) => '/' + f);
        };
        const files = Object.fromEntries(Object.entries(screens).map(([k, v]) => [k, filesOf(v)]));
        return [{ tag: 'script', children: `window.__tongbanScreens=${JSON.stringify(files)};${code}`, injectTo: 'head-prepend' }];
      },
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), optionalDesigner(), antdCss(fileURLToPath(new URL('./node_modules/.tongban', import.meta.url))), bootScript(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
