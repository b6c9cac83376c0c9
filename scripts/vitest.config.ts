/**
 * The root vitest config plus the tests under scripts/ (the root `include` does not list scripts/ yet):
 * `npx vitest run -c scripts/vitest.config.ts scripts`. Drop this file once the root config includes scripts.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.config.ts';

export default mergeConfig(base, defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: { include: ['scripts/**/*.test.ts'] },
}));
