/**
 * The designer's standalone dev/preview entry (before and besides the workbench shell): its own
 * page with a login against the runtime, `/api` proxied to `TONGBAN_API` (default
 * http://127.0.0.1:3000). Not part of the workbench's production bundle: the shell imports
 * `@tongban/designer` (src/index.ts) only.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const api = process.env.TONGBAN_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: { proxy: { '/api': { target: api, changeOrigin: true } } },
  preview: { proxy: { '/api': { target: api, changeOrigin: true } } },
  build: {
    outDir: fileURLToPath(new URL('../dist/dev', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 4000,
    // the designer page, every story on one page for the smoke test, and the browser benchmark page
    rollupOptions: { input: { main: fileURLToPath(new URL('./index.html', import.meta.url)), stories: fileURLToPath(new URL('./stories.html', import.meta.url)), bench: fileURLToPath(new URL('./bench.html', import.meta.url)) } },
  },
  worker: { format: 'es' },
});
