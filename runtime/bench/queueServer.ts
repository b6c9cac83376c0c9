/**
 * The queue bench's server process: a runtime on the loaded MariaDB database (argv[2] = its URL),
 * the tiny county seeded (idempotent), logs silent. Sends `{ url }` once listening.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config/loadConfig.ts';
import { createRuntime } from '../src/createRuntime.ts';
import { openDb } from '../src/store/createDb.ts';
import { seedCounty } from '../src/seed/seedCounty.ts';
import { tinyCounty } from '../src/testing/testRuntime.ts';

const db = openDb({ databaseUrl: process.argv[2], poolMax: 8 });
const config = loadConfig({ TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-bench-')), PORT: '0', LOG_LEVEL: 'silent' });
const rt = await createRuntime(config, { db, logger: pino({ level: 'silent' }) });
await seedCounty(db.knex, tinyCounty);
const { url } = await rt.listen(0);
process.on('message', (m: { close?: boolean }) => {
  if (m.close) rt.close().finally(() => process.exit(0));
});
process.send!({ url });
