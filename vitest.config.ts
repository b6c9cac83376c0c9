import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{definitions,engine,runtime,examples,scripts,test}/**/*.test.ts', 'designer/{src,e2e}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'scripts/fixtures/**'],
    pool: 'forks',
    testTimeout: 60_000,
  },
});
