import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{definitions,engine,plugins,adapters,runtime,examples,scripts,test}/**/*.test.ts', 'workbench/src/**/*.test.{ts,tsx}', 'designer/src/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'scripts/fixtures/**'],
    pool: 'forks',
    testTimeout: 60_000,
    // browser journeys poll the page; a loaded 2-core machine needs more than the 1 s default
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
