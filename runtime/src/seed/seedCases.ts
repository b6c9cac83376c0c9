/**
 * Loads the sample county's seed cases (examples/sample-county/seed-cases.json) through the real
 * command path, so the workbench opens on cases in varied states. Idempotent: each seed id is
 * claimed in `seed_cases` before its case is created, so running seed twice adds nothing.
 */
import { randomUUID } from 'node:crypto';
import type { SeedCase } from '@tongban/examples';
import { runStep, stepLabel, userOf, type SeedRun, type StepDeps } from './seedSteps.ts';
import { rebaseScript } from './rebaseDates.ts';
import { EventRefusedError } from '../errors/DomainError.ts';
import { sourceUser } from '../jobs/systemUsers.ts';

/** What loading seed cases needs (the runtime provides all of it). */
export type SeedCaseDeps = StepDeps & { definitions: { latestPublished(id: string): Promise<number> } };

/** Claims a seed id; true only for the run whose row was inserted (a token tells, as insert-ignore results differ by dialect). */
async function claim(d: SeedCaseDeps, seedId: string): Promise<boolean> {
  const token = `claim:${randomUUID()}`;
  await d.knex('seed_cases').insert({ seed_id: seedId, status: 'running', detail: token, created_at: Date.now() }).onConflict('seed_id').ignore();
  const row = (await d.knex('seed_cases').where({ seed_id: seedId }).first('detail')) as { detail: string | null } | undefined;
  return row?.detail === token;
}

async function drive(d: SeedCaseDeps, seed: SeedCase): Promise<SeedRun> {
  const script = rebaseScript(seed.script, Date.now());
  const version = await d.definitions.latestPublished(seed.definition);
  // a case a device or another system opened starts as that source, as the trigger receiver starts it
  const user = script.case.by ? await userOf(d, script.case.by) : sourceUser(script.case.source ?? 'system', script.case.orgPath);
  const c = await d.commands.create(user, { definitionId: seed.definition, version, orgPath: script.case.orgPath, data: script.case.data ?? {} });
  const run: SeedRun = { caseId: c.id, orgPath: script.case.orgPath, offset: 0 };
  await d.knex('seed_cases').where({ seed_id: seed.id }).update({ case_id: c.id });
  const refused = new Set((seed.refused ?? []).map((r) => r.label));
  for (const step of script.steps) {
    try {
      await runStep(d, run, step);
    } catch (err) {
      // Some scripts show a refusal on purpose (e.g. a third 退单): that step is expected to fail.
      if (!(err instanceof EventRefusedError && refused.has(stepLabel(step)))) throw err;
    }
  }
  return run;
}

/** Seeds each case once; returns a report line per case. */
export async function loadSeedCases(d: SeedCaseDeps, seeds: SeedCase[]): Promise<string[]> {
  const lines: string[] = [];
  for (const seed of seeds) {
    if (!(await claim(d, seed.id))) { lines.push(`示例案件已存在 seed case exists: ${seed.id}`); continue; }
    try {
      const run = await drive(d, seed);
      const row = (await d.knex('cases').where({ id: run.caseId }).first('snapshot')) as { snapshot: string };
      const state = JSON.stringify((JSON.parse(row.snapshot) as { value: unknown }).value);
      const same = state === JSON.stringify(seed.state);
      await d.knex('seed_cases').where({ seed_id: seed.id }).update({ status: 'done', detail: same ? null : `state ${state}`.slice(0, 400) });
      lines.push(`示例案件 seed case: ${seed.id} ${seed.definition} → ${state}${same ? '' : ` (预期 expected ${JSON.stringify(seed.state)})`}`);
    } catch (err) {
      const msg = `${(err as Error).message} ${JSON.stringify((err as { details?: unknown }).details ?? {})}`.slice(0, 400);
      await d.knex('seed_cases').where({ seed_id: seed.id }).update({ status: 'failed', detail: msg });
      lines.push(`示例案件未载入 seed case failed: ${seed.id}: ${msg}`);
    }
  }
  return lines;
}
