import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{definitions,engine,plugins,adapters,runtime,examples,scripts,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'scripts/fixtures/**'],
    pool: 'forks',
    testTimeout: 60_000,
  },
});
