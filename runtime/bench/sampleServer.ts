/**
 * A bench server on the sample county (涪江县, the five service items, no seed cases), in its own
 * process like a deployment, logs silent, no test pool guard. Answers `{ url }` once listening;
 * `{ close: true }` closes and exits.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config/loadConfig.ts';
import { createRuntime } from '../src/createRuntime.ts';
import { seedRuntime } from '../src/seed/seedRuntime.ts';
import { createTestDb } from '../src/testing/testDbs.ts';
import type { Dialect } from '../src/store/createDb.ts';

const dialect = process.argv[2] as Dialect;
const db = await createTestDb(dialect, { guard: false, poolMax: 40 });
const config = loadConfig({ TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-bench-')), PORT: '0', LOG_LEVEL: 'silent', TONGBAN_SEED: 'false' });
const rt = await createRuntime(config, { db, logger: pino({ level: 'silent' }), jobs: 'off' });
await seedRuntime(rt, { cases: false });
const { url } = await rt.listen(0);
process.on('message', (m: { close?: boolean }) => {
  if (m.close) rt.close().then(() => db.dispose()).finally(() => process.exit(0));
});
process.send!({ url });
