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
import react from '@vitejs/plugin-react';

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

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), optionalDesigner(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
