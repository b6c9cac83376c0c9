/**
 * Runs a scenario through the engine's `simulate` and records what it reached (from each step's
 * `trace`: the definition transitions taken and the states entered), so a coverage test can demand
 * every state and transition of an item be reached. Pure apart from the engine calls.
 */
import { compile, createDirectory, createWorkCalendar, loadDefinition, projectTasks, simulate, taskRowsOf, type Definition, type DirectoryData, type RunOptions, type SimResult, type TaskRow } from '@tongban/engine';
import { countyDefault, nationalYears } from '@tongban/definitions/calendars';
import { serviceItems } from '@tongban/definitions/service-items';
import { directoryData } from '../index.ts';
import type { Scenario } from './types.ts';

export interface ScenarioRun {
  result: SimResult;
  /** JSON Pointers of the definition transitions taken */
  taken: Set<string>;
  /** state ids that were active at some point (including transient ones passed through) */
  visited: Set<string>;
  /** `<state>/<decision>` for reject-back / return decisions (they have no `on` entry) */
  jumps: Set<string>;
  /** what did not match the scenario's expectations (empty when it passes) */
  problems: string[];
}

let sample: { dir: DirectoryData; options: RunOptions } | undefined;

/** The sample county's directory data and run options over the default calendar (built once, on first use). */
function county(): { dir: DirectoryData; options: RunOptions } {
  if (!sample) {
    const dir = directoryData();
    // a spawned child's intake is checked against the item it starts (the five items ship together)
    // loaded once per item (loading checks the whole schema and every pattern: not per spawn)
    const children = new Map<string, ReturnType<typeof compile> | undefined>();
    const childDefinition = (id: string) => {
      if (!children.has(id)) {
        const loaded = serviceItems[id] ? loadDefinition(serviceItems[id] as object) : undefined;
        children.set(id, loaded?.ok ? compile(loaded.definition) : undefined);
      }
      return children.get(id);
    };
    sample = { dir, options: { calendar: createWorkCalendar(countyDefault as never, nationalYears as never), directory: createDirectory(dir), childDefinition } };
  }
  return sample;
}

/** Run options over the sample county and the default calendar. */
export function sampleOptions(): RunOptions {
  return county().options;
}

/** Active state ids of a snapshot value (leaves and their ancestors). */
export function activeIds(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...activeIds(v)]);
}

/** A diagnostic answers to its own code, and a refusal rule's (`run.refused`) to the rule's code too. */
function codeMatches(d: { code: string; details?: Record<string, unknown> }, code: string): boolean {
  return d.code === code || (d.code === 'run.refused' && d.details?.code === code);
}

function check(s: Scenario, r: SimResult, problems: string[]): void {
  const expectedRefusals = s.refused ?? [];
  for (const rec of r.records) {
    if (rec.label === 'expect' && !rec.accepted) problems.push(`expect failed: state ${JSON.stringify(rec.state)}`);
    else if (!rec.accepted && !expectedRefusals.some((x) => x.label === rec.label && rec.diagnostics.some((d) => codeMatches(d, x.code)))) {
      problems.push(`refused: ${rec.label} → ${rec.diagnostics.map((d) => `${d.code} ${d.path} ${d.message['zh-CN']}`).join('; ')}`);
    }
  }
  for (const x of expectedRefusals) {
    if (!r.records.some((rec) => !rec.accepted && rec.label === x.label && rec.diagnostics.some((d) => codeMatches(d, x.code)))) problems.push(`not refused: ${x.label} (${x.code})`);
  }
  if (JSON.stringify(r.final.value) !== JSON.stringify(s.final)) problems.push(`final ${JSON.stringify(r.final.value)} ≠ ${JSON.stringify(s.final)}`);
  if (s.outcome !== undefined && r.final.context.outcome !== s.outcome) problems.push(`outcome ${r.final.context.outcome} ≠ ${s.outcome}`);
  const all = r.records.flatMap((rec) => rec.effects) as unknown as Array<Record<string, unknown>>;
  for (const e of s.effects ?? []) {
    if (!all.some((a) => Object.entries(e).every(([k, v]) => a[k] === v))) problems.push(`missing effect ${JSON.stringify(e)}`);
  }
  for (const [k, v] of Object.entries(s.data ?? {})) {
    if (JSON.stringify(r.final.context.data[k]) !== JSON.stringify(v)) problems.push(`data.${k} = ${JSON.stringify(r.final.context.data[k])} ≠ ${JSON.stringify(v)}`);
  }
  for (const f of s.flags ?? []) if (!r.final.context.flags.includes(f)) problems.push(`missing flag ${f}`);
}

/** Runs one scenario of `def` on the sample county. */
export function runScenario(def: Definition, s: Scenario): ScenarioRun {
  const c = compile(def);
  const { dir, options } = county();
  // after every step, the task rows its effects imply must be the snapshot's open tasks (the runtime projects rows from effects only)
  let rows: Record<string, TaskRow> = {};
  const drift: string[] = [];
  const result = simulate(c, s.script, options, dir, {
    observe(rec, snap) {
      if (!rec.accepted) return;
      rows = projectTasks(rows, rec.effects);
      const canon = (r: Record<string, TaskRow>) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
      if (canon(rows) !== canon(taskRowsOf(snap.context))) {
        drift.push(`task effects ≠ open tasks after ${rec.label}: ${JSON.stringify(rows)} vs ${JSON.stringify(taskRowsOf(snap.context))}`);
      }
    },
  });
  const byPath = new Map(c.model.transitions.map((t) => [t.path, t]));
  const taken = new Set<string>();
  const visited = new Set<string>();
  const jumps = new Set<string>();
  let before: string[] = [];
  for (const rec of result.records) {
    const now = activeIds(rec.state);
    now.forEach((id) => visited.add(id));
    if (!rec.accepted) continue;
    rec.trace.entered.forEach((id) => visited.add(id));
    for (const path of rec.trace.transitions) {
      const t = byPath.get(path);
      if (!t) continue; // a reject-back / withdraw jump or a `$ctx` update: no transition of the definition
      taken.add(path);
      visited.add(t.from);
      if (t.spec.target) visited.add(t.spec.target.replace(/^#/, ''));
    }
    const act = rec.label.split(' ')[1];
    // a reject-back / return decision jumps (its label is in the trace) and enters the target step
    if (act && rec.trace.transitions.includes(`task.${act}`) && rec.trace.entered.length > 0) {
      for (const id of before) if (c.model.states.get(id)?.spec.task?.decisions[act]?.to) jumps.add(`${id}/${act}`);
    }
    before = now;
  }
  const problems: string[] = [...drift];
  check(s, result, problems);
  return { result, taken, visited, jumps, problems };
}
