import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{definitions,engine,runtime,examples,test}/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
  },
});
