import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCases } from '@tongban/examples';
import { loadConfig } from '../config/loadConfig.ts';
import { createRuntime, type Runtime } from '../createRuntime.ts';
import { createTestDb, testDialects, type TestDb } from '../testing/testDbs.ts';
import { seedRuntime } from './seedRuntime.ts';

describe.each(testDialects)('seed cases on %s', (dialect) => {
  let db: TestDb;
  let rt: Runtime;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    const config = loadConfig({ TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-seed-')), LOG_LEVEL: 'silent' });
    rt = await createRuntime(config, { db, logger: pino({ level: 'silent' }), jobs: 'off' });
  }, 120_000);
  afterAll(async () => { await rt.close(); await db.dispose(); });

  it('drives every seed case through the command path to its state, once', async () => {
    const lines = await seedRuntime(rt);
    const caseLines = lines.filter((l) => l.includes('seed case'));
    expect(caseLines.filter((l) => l.includes('failed') || l.includes('expected'))).toEqual([]);
    expect(caseLines).toHaveLength(seedCases.length);
    const count = async () => Number(((await db.knex('cases').count({ n: '*' })) as Array<{ n: number }>)[0]!.n);
    expect(await count()).toBe(seedCases.length);
    const states = await db.knex('cases').distinct('state').pluck('state');
    expect(states.length).toBeGreaterThanOrEqual(10);
    const again = await seedRuntime(rt);
    expect(again.filter((l) => l.includes('seed case exists'))).toHaveLength(seedCases.length);
    expect(await count()).toBe(seedCases.length);
  }, 120_000);
});
