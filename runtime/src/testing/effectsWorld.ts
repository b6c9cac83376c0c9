/** A test runtime with the echo and sms stand-in adapters loaded and the effect-test items published. */
import { fileURLToPath } from 'node:url';
import type { Dialect } from '../store/createDb.ts';
import { createTestRuntime, GRID1, type TestRuntime } from './testRuntime.ts';
import { effectsIncident, parentIncident } from '../effects/fixtures/definitions.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../effects/fixtures/${name}`, import.meta.url));

/** The runtime, plus helpers to open an effects-incident case and move it past 受理. */
export interface EffectsWorld extends TestRuntime {
  open(data?: Record<string, unknown>): Promise<string>;
  accept(caseId: string): Promise<void>;
  state(caseId: string): Promise<string>;
}

/** Starts the world on a fresh store of `dialect`. */
export async function effectsWorld(dialect: Dialect, opts: { /** more configuration (environment variables) */ env?: Record<string, string> } = {}): Promise<EffectsWorld> {
  const t = await createTestRuntime(dialect, { adapters: [fixture('echoPlugin.ts'), fixture('smsTwin.ts')], env: opts.env });
  await t.rt.definitions.publishBody(effectsIncident, 'u-admin');
  await t.rt.definitions.publishBody(parentIncident, 'u-admin');
  return Object.assign(t, {
    async open(data: Record<string, unknown> = {}) {
      const r = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'effects-incident', orgPath: GRID1,
        data: { description: '井盖缺失', reporterName: '张三丰', reporterPhone: '13812341234', landlordPhone: '13700001111', ...data } } });
      if (r.status !== 201) throw new Error(`create: ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    },
    async accept(caseId: string) {
      const task = (await t.db.knex('tasks').where({ case_id: caseId, state: 'accept' }).first('id')) as { id: string };
      const r = await t.api('POST', `/api/tasks/${task.id}/complete`, { token: await t.token('officer'), body: { outcome: 'accept' } });
      if (r.status !== 200) throw new Error(`accept: ${JSON.stringify(r.body)}`);
    },
    async state(caseId: string) {
      return String(((await t.db.knex('cases').where({ id: caseId }).first('state')) as { state: string }).state);
    },
  });
}
