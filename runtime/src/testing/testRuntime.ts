/** A runtime for integration tests: a fresh store of one dialect, the tiny county seeded, the API listening on a free port. */
import pino from 'pino';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/loadConfig.ts';
import { createRuntime, type Runtime } from '../createRuntime.ts';
import type { Dialect } from '../store/createDb.ts';
import { seedCounty } from '../seed/seedCounty.ts';
import { createTestDb, type TestDb } from './testDbs.ts';
import { httpClient, type HttpClient } from './httpClient.ts';
import { createResponseValidator } from './responseValidator.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../seed/fixtures/${name}`, import.meta.url), 'utf8'));
/** The tiny county and tiny incident definition used by runtime tests. */
export const tinyCounty = fixture('tiny-county.json');
export const tinyIncident = fixture('tiny-incident.json');
/** A grid in the east township (幸福社区第一网格). */
export const GRID1 = '/510722/510722100/510722100001/510722100001001';
/** A grid in the west township. */
export const GRID_WEST = '/510722/510722200/510722200001/510722200001001';

/** A test runtime plus an HTTP client. */
export interface TestRuntime {
  rt: Runtime; db: TestDb; url: string;
  token(username: string, password?: string): Promise<string>;
  api: HttpClient['api'];
  close(): Promise<void>;
}

/** Starts a seeded runtime on a fresh store. */
export async function createTestRuntime(dialect: Dialect, opts: { poolMax?: number; adapters?: string[]; /** off for benchmarks, as in production */ guard?: boolean; /** more configuration (environment variables) */ env?: Record<string, string> } = {}): Promise<TestRuntime> {
  const db = await createTestDb(dialect, { poolMax: opts.poolMax, guard: opts.guard });
  const config = loadConfig({ TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-data-')), PORT: '0', LOG_LEVEL: 'silent', TONGBAN_TRUST_PROXY: 'loopback',
    // the effect tests' fixture adapters share test state through memory: run them in this thread
    TONGBAN_ADAPTER_ISOLATION: 'inline', ...opts.env });
  const rt = await createRuntime(config, { db, logger: pino({ level: process.env.TONGBAN_TEST_LOG ?? 'silent' }), adapters: opts.adapters });
  await seedCounty(db.knex, tinyCounty);
  await rt.definitions.publishBody(tinyIncident, 'u-admin');
  const { url } = await rt.listen(0);
  // every answer any integration test receives is checked against the OpenAPI document
  const { api, token } = httpClient(url, { check: createResponseValidator(rt.openapi as never) });
  return {
    rt, db, url, api, token: (username, password) => token(username, password),
    async close() {
      await rt.close().catch(() => undefined);
      await db.dispose().catch(() => undefined);
    },
  };
}
