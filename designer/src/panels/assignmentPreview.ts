/**
 * "In the sample county, for a case in 东风社区第2网格, this step goes to 李娜 (社区专干) because …":
 * the engine's own assignment code answers, by starting a preview case whose first step is the
 * selected one (its ancestors' `initial` pointed at it) on the real org directory. No copy of the
 * assignment rules lives in the designer, so the answer cannot drift from what the runtime does.
 */
import { compile, createDirectory, start, type AssignmentTrace, type Definition, type DirectoryData, type StateSpec } from '@tongban/engine';
import { indexStates } from '../doc/stateIndex.ts';
import { countyCalendar } from '../simulate/simSession.ts';

export interface AssignmentAnswer {
  ok: boolean;
  orgName: string;
  /** the assignee's (or each candidate's) name and role titles */
  people: Array<{ id: string; name: string; roles: string[] }>;
  why: AssignmentTrace['why'];
  problem?: { 'zh-CN': string; en: string };
}

/** A copy of `def` that starts in `stateId` (each ancestor's `initial` on the path to it). */
export function startingAt(def: Definition, stateId: string): Definition {
  const { states } = indexStates(def);
  const chain: string[] = [];
  for (let cur: string | undefined = stateId; cur; cur = states.get(cur)?.parent) chain.unshift(cur);
  const rewrite = (map: Record<string, StateSpec>, depth: number): Record<string, StateSpec> => {
    const next = chain[depth + 1];
    if (!next) return map;
    const parent = chain[depth]!;
    return { ...map, [parent]: { ...map[parent]!, initial: next, states: rewrite(map[parent]!.states ?? {}, depth + 1) } };
  };
  return { ...def, initial: chain[0]!, states: rewrite(def.states, 0) };
}

/** The grids of the directory (depth 4), sample grid first: the one a county admin is shown by default. */
export function sampleGrids(dir: DirectoryData): Array<{ path: string; name: string }> {
  const grids = dir.orgs.filter((o) => o.path.split('/').filter(Boolean).length === 4);
  return [...grids.filter((g) => g.name.includes('第2网格')), ...grids.filter((g) => !g.name.includes('第2网格'))];
}

/** Asks the engine who would get `stateId` for a case at `orgPath` started by `initiator` with `data`. */
export function previewAssignment(def: Definition, stateId: string, dir: DirectoryData, orgPath: string, opts: { initiator?: string; data?: Record<string, unknown>; at?: number } = {}): AssignmentAnswer {
  const orgName = dir.orgs.find((o) => o.path === orgPath)?.name ?? orgPath;
  const fail = (zh: string, en: string): AssignmentAnswer => ({ ok: false, orgName, people: [], why: [], problem: { 'zh-CN': zh, en } });
  const initiator = opts.initiator ? dir.users.find((u) => u.id === opts.initiator) : dir.users.find((u) => u.roles.some((r) => r.orgPath === orgPath));
  let effects;
  try {
    const compiled = compile(startingAt(def, stateId));
    const actor = initiator ? { userId: initiator.id, roles: initiator.roles.map((r) => r.role), orgPath: initiator.roles[0]?.orgPath ?? orgPath, name: initiator.name } : undefined;
    effects = start(compiled, { caseId: 'preview', orgPath, data: opts.data ?? {}, meta: { at: opts.at ?? Date.parse('2026-03-02T01:00:00Z'), id: 'preview-1', ...(actor ? { actor } : { source: 'system' as const }) } },
      { calendar: countyCalendar(), directory: createDirectory(dir) }).effects;
  } catch (err) {
    return fail(`草稿有错误，无法计算办理人：${(err as Error).message}`, `The draft has errors; no answer: ${(err as Error).message}`);
  }
  // a countersign or vote creates one task per signer: the answer is all of them
  const tasks = effects.flatMap((e) => (e.kind === 'task.create' && e.state === stateId ? [e] : []));
  const task = tasks[0];
  if (!task) return fail('此步骤没有生成待办（可能被自动通过或跳过）', 'This step created no task (auto-passed or skipped)');
  const ids = [...new Set(tasks.flatMap((t) => (t.assignment.assignee ? [t.assignment.assignee] : t.assignment.candidates)))];
  const roleTitle = (r: string) => def.roles[r]?.title['zh-CN'] ?? r;
  const people = ids.map((id) => { const u = dir.users.find((x) => x.id === id); return { id, name: u?.name ?? id, roles: [...new Set((u?.roles ?? []).map((r) => roleTitle(r.role)))] }; });
  return { ok: people.length > 0, orgName, people, why: task.assignment.why };
}
