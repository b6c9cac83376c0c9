/**
 * The bench's server process (forked by the load generator, like a real deployment runs the API
 * in its own process): a seeded runtime on a fresh store, logs silent. Messages from the parent:
 * `{ floor: { flows, concurrency } }` → `{ floorRate }`; `{ close: true }` → closes and exits.
 */
import { createTestRuntime } from '../src/testing/testRuntime.ts';
import type { Dialect } from '../src/store/createDb.ts';
import { floorRate } from './floor.ts';

const dialect = process.argv[2] as Dialect;
const poolMax = Number(process.argv[3] ?? 16);
// no nested-acquire guard (an AsyncLocalStorage per transaction): measured as production runs
const t = await createTestRuntime(dialect, { poolMax, guard: false });
const send = (m: unknown) => process.send!(m);
process.on('message', (m: { floor?: { flows: number; concurrency: number }; close?: boolean }) => {
  if (m.floor) {
    floorRate(t.db.knex, m.floor.flows, m.floor.concurrency).then((rate) => send({ floorRate: rate }), (err: Error) => send({ error: err.message }));
  } else if (m.close) {
    t.close().finally(() => process.exit(0));
  }
});
send({ url: t.url });
