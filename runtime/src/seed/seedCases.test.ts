import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRewards, seedCases } from '@tongban/examples';
import { loadConfig } from '../config/loadConfig.ts';
import { createRuntime, type Runtime } from '../createRuntime.ts';
import { createTestDb, testDialects, type TestDb } from '../testing/testDbs.ts';
import { seedRuntime } from './seedRuntime.ts';
import { loadSeedCases } from './seedCases.ts';

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

  it('puts the sample rewards in their catalogues once, audited as the seed', async () => {
    const rewards = async () => (await db.knex('points_rewards').select('org_path', 'name_zh', 'cost')) as Array<{ org_path: string; name_zh: string; cost: number }>;
    const names = (await rewards()).map((r) => r.name_zh).sort();
    expect(names).toEqual(sampleRewards.map((r) => r.name['zh-CN']).sort());
    const again = await seedRuntime(rt);
    expect(again.filter((l) => l.includes('sample reward'))).toEqual([]);
    expect(await rewards()).toHaveLength(sampleRewards.length);
    const audited = await db.knex('audit_log').where({ action: 'points.reward-created', actor_id: 'system:seed' }).count({ n: '*' });
    expect(Number((audited as Array<{ n: number }>)[0]!.n)).toBe(sampleRewards.length);
  }, 120_000);

  it('settles the seeded history\'s outbound calls as seeded and never sends them; live commands still queue theirs', async () => {
    // the runner performs what it may (notices, sub-cases, points) until nothing is left to claim
    while ((await rt.dispatch()) > 0);
    const rows = (await db.knex('outbox').select('kind', 'status', 'origin', 'attempts')) as Array<{ kind: string; status: string; origin: string | null; attempts: number }>;
    const outbound = rows.filter((r) => r.kind === 'adapter.invoke' || r.kind === 'notify.send');
    expect(outbound.filter((r) => r.kind === 'adapter.invoke').length).toBeGreaterThan(0);
    expect(outbound.filter((r) => r.status !== 'seeded' || r.origin !== 'seed' || Number(r.attempts) !== 0)).toEqual([]);
    expect(rows.filter((r) => ['pending', 'running', 'dead', 'parked'].includes(r.status))).toEqual([]);
    // what the sub-cases of seeded history write is history too
    const children = (await db.knex('case_links').pluck('child_case_id')) as string[];
    expect(children.length).toBeGreaterThan(0);
    expect(await db.knex('outbox').whereIn('case_id', children).whereNot({ origin: 'seed' }).count({ n: '*' }).then((r) => Number((r as Array<{ n: number }>)[0]!.n))).toBe(0);
    // the same script driven after the seed through the runtime's own commands is live: its device command is queued to be sent
    const seed = { ...seedCases.find((c) => c.id === 'EC-2025-0004')!, id: 'LIVE-EC-0004' };
    const { identity, runOptions, timers, definitions } = rt;
    const [line] = await loadSeedCases({ knex: db.knex, commands: rt.commands, identity, runOptions, timers, definitions }, [seed]);
    expect(line).not.toContain('failed');
    const liveId = (await db.knex('seed_cases').where({ seed_id: seed.id }).first('case_id')) as { case_id: string };
    const liveRows = (await db.knex('outbox').where({ case_id: liveId.case_id, kind: 'adapter.invoke' }).select('operation', 'status', 'origin')) as Array<{ operation: string; status: string; origin: string | null }>;
    expect(liveRows.length).toBeGreaterThan(0);
    expect(liveRows.map((r) => [r.operation, r.status, r.origin])).toEqual(liveRows.map((r) => [r.operation, 'pending', null]));
  }, 120_000);
});
