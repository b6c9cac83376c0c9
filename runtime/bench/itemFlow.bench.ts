/**
 * A real item through the API (issue 14.5): the grid incident's happy path from its scenarios —
 * report, accept, transfer, dispatch, copy, sign, start, resolve, verify, follow-up — each step as
 * the user the script names, over HTTP against a server on the sample county, at concurrency 8.
 * Each step asks the case's available actions for the user's task (as the workbench does) and
 * sends the act. Commands/s = commands (create, claims, acts) over the flow's whole elapsed time,
 * the reads of actions included, as a user's session has them; p95 is over the commands alone.
 */
import { readFileSync } from 'node:fs';
import type { Dialect } from '../src/store/createDb.ts';
import { createClient, type Client } from './http.ts';
import { startServer } from './serverProcess.ts';
import { line, percentile, pool } from './stats.ts';

interface Step { act?: string; by?: string; data?: Record<string, unknown>; comment?: string; users?: string[]; attachments?: string[] }
interface Script { case: { orgPath: string; by: string; data: Record<string, unknown> }; steps: Step[] }

const operations = new Set(['transfer', 'delegate', 'copy', 'addSigner', 'removeSigner', 'urge']);
const users = JSON.parse(readFileSync(new URL('../../examples/sample-county/users.json', import.meta.url), 'utf8')) as Array<{ id: string; username: string }>;
const usernameOf = new Map(users.map((u) => [u.id, u.username]));

/** The grid incident's first happy-path scenario (the one the generated page calls the main path). */
function happyPath(): Script {
  const file = JSON.parse(readFileSync(new URL('../../test/service-items/grid-incident.scenarios.json', import.meta.url), 'utf8')) as { scenarios: Array<{ name: string; script: Script }> };
  const s = file.scenarios.find((x) => /happy/.test(x.name)) ?? file.scenarios[0]!;
  return s.script;
}

const conflict = (r: { status: number; body: { error?: { code?: string } } | undefined }) => r.status === 409 && r.body?.error?.code === 'case.version-conflict';

type Timed = (f: () => ReturnType<Client['request']>) => ReturnType<Client['request']>;

/**
 * One step as its user does it in the workbench: read the case's actions, claim a group task, act.
 * An adapter's result (the SMS of the follow-up) may advance the case between the read and the act:
 * the 409 is what the user sees, and, like the user, the step reloads and acts again (counted).
 */
async function step(http: Client, timed: Timed, caseId: string, token: string | undefined, st: Step, conflicts: { n: number }): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const actions = await http.request('GET', `/api/cases/${caseId}/actions`, token);
    const items = (actions.body.items ?? []) as Array<{ kind: string; name: string; taskId?: string }>;
    const a = items.find((x) => x.name === st.act && x.taskId);
    if (!a) throw new Error(`no ${st.act} for ${st.by}: ${JSON.stringify(items)}`);
    // a group task (several candidates) is claimed first, as a worker does from the shared queue
    if (items.some((x) => x.kind === 'claim' && x.taskId === a.taskId)) {
      const claimed = await timed(() => http.request('POST', `/api/tasks/${a.taskId}/claim`, token, {}));
      if (conflict(claimed) && attempt < 5) { conflicts.n++; continue; }
      if (claimed.status !== 200) throw new Error(`claim by ${st.by}: ${claimed.status} ${JSON.stringify(claimed.body).slice(0, 300)}`);
    }
    const r = operations.has(st.act!)
      ? await timed(() => http.request('POST', `/api/tasks/${a.taskId}/${st.act === 'addSigner' ? 'signers' : st.act}`, token, { users: st.users, comment: st.comment }))
      : await timed(() => http.request('POST', `/api/tasks/${a.taskId}/complete`, token, { outcome: st.act, data: st.data, comment: st.comment, attachments: st.attachments }));
    if (r.status === 200) return;
    if (conflict(r) && attempt < 5) { conflicts.n++; continue; }
    throw new Error(`${st.act} by ${st.by}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  }
}

async function flow(http: Client, tokens: Map<string, string>, script: Script, lat: number[], conflicts: { n: number }): Promise<void> {
  const timed: Timed = async (f) => { const t0 = performance.now(); const r = await f(); lat.push(performance.now() - t0); return r; };
  const c = await timed(() => http.request('POST', '/api/cases', tokens.get(script.case.by), { definitionId: 'grid-incident', orgPath: script.case.orgPath, data: script.case.data }));
  if (c.status !== 201) throw new Error(`create: ${c.status} ${JSON.stringify(c.body).slice(0, 300)}`);
  for (const st of script.steps) if (st.act && st.by) await step(http, timed, c.body.id as string, tokens.get(st.by), st, conflicts);
}

/** Runs the real-item flow on one store; prints its lines. */
export async function benchItemFlow(dialect: Dialect, flows: number): Promise<{ rate: number; p95: number }> {
  const server = await startServer('./sampleServer.ts', [dialect]);
  const http = createClient(server.url, 8);
  try {
    const script = happyPath();
    const tokens = new Map<string, string>();
    for (const id of new Set([script.case.by, ...script.steps.map((s) => s.by).filter((x): x is string => !!x)])) {
      const r = await http.request('POST', '/api/auth/login', undefined, { username: usernameOf.get(id), password: 'Tongban@2025' });
      if (r.status !== 200) throw new Error(`login ${id}: ${r.status}`);
      tokens.set(id, r.body.token);
    }
    const conflicts = { n: 0 };
    await pool(8, 4, () => flow(http, tokens, script, [], { n: 0 })); // warm-up
    const lat: number[] = [];
    const ms = await pool(flows, 8, () => flow(http, tokens, script, lat, conflicts));
    const rate = lat.length / (ms / 1000);
    line(`runtime.grid-incident.${dialect}.c8`, rate, 'cmd/s');
    line(`runtime.grid-incident.${dialect}.c8.p95`, percentile(lat, 95), 'ms');
    line(`runtime.grid-incident.${dialect}.c8.cases-per-s`, flows / (ms / 1000), 'cases/s');
    line(`runtime.grid-incident.${dialect}.c8.version-conflicts`, conflicts.n, 'retried');
    return { rate, p95: percentile(lat, 95) };
  } finally {
    http.close();
    await server.close();
  }
}
