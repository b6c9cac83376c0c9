import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{definitions,engine,plugins,adapters,runtime,examples,scripts,test}/**/*.test.ts', 'workbench/src/**/*.test.{ts,tsx}', 'designer/src/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'scripts/fixtures/**'],
    pool: 'forks',
    // two files at a time on the 2-core machine: much of the suite waits on real servers, browsers and
    // child processes rather than computing, and every test keeps its own store, queue, MQTT county and port
    maxWorkers: 2,
    // the builds `npm start` makes, once, before any file (journeys in parallel files then share them)
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 60_000,
    // a seeded runtime on MariaDB takes more than the 10 s default to start on a loaded 2-core machine
    hookTimeout: 180_000,
    // browser journeys poll the page; a loaded 2-core machine needs more than the 1 s default
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
