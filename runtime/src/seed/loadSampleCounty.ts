/**
 * Seeds what `npm start` and `tongban seed` need: the sample county from examples/sample-county
 * when present (else the tiny fixture county), and every service item in definitions/service-items
 * published (else the tiny fixture definition).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import type { KnexDefinitionStore } from '../definitions/KnexDefinitionStore.ts';
import { seedCounty } from './seedCounty.ts';
import type { CountyData } from './countyData.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as unknown;

function sampleCounty(): { data: CountyData; source: string } {
  const dir = join(root, 'examples/sample-county');
  for (const name of ['county.json', 'sample-county.json', 'index.json']) {
    const p = join(dir, name);
    if (existsSync(p)) return { data: readJson(p) as CountyData, source: p };
  }
  const orgs = join(dir, 'orgs.json');
  const users = join(dir, 'users.json');
  if (existsSync(orgs) && existsSync(users)) return { data: { orgs: readJson(orgs), users: readJson(users) } as CountyData, source: dir };
  const p = fileURLToPath(new URL('./fixtures/tiny-county.json', import.meta.url));
  return { data: readJson(p) as CountyData, source: p };
}

function serviceItems(): Array<{ body: unknown; source: string }> {
  const dir = join(root, 'definitions/service-items');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json') && !f.includes('.scenarios.')).sort() : [];
  if (files.length) return files.map((f) => ({ body: readJson(join(dir, f)), source: join(dir, f) }));
  const p = fileURLToPath(new URL('./fixtures/tiny-incident.json', import.meta.url));
  return [{ body: readJson(p), source: p }];
}

/** Seeds the county and publishes the service items; returns a report line per part. */
export async function loadSampleCounty(knex: Knex, definitions: KnexDefinitionStore): Promise<string[]> {
  const county = sampleCounty();
  const counts = await seedCounty(knex, county.data);
  const lines = [`县域 county: ${counts.orgs} 组织 orgs, ${counts.users} 用户 users (${county.source})`];
  for (const item of serviceItems()) {
    try {
      const d = await definitions.publishBody(item.body, 'system');
      lines.push(`服务事项 service item: ${d.id} v${d.version} ${d.status}`);
    } catch (err) {
      lines.push(`服务事项未发布 not published: ${item.source}: ${(err as Error).message} ${JSON.stringify((err as { details?: unknown }).details ?? {}).slice(0, 300)}`);
    }
  }
  return lines;
}
