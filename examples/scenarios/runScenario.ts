/**
 * Runs a scenario through the engine's `simulate`, recording which definition transitions were
 * taken (by wrapping the machine's `take` action) so a coverage test can demand every state and
 * transition of an item be reached. Pure apart from the engine calls.
 */
import { enqueueActions, type AnyStateMachine } from 'xstate';
import { compile, createDirectory, createWorkCalendar, type Definition, type RunOptions } from '@tongban/engine';
import { countyDefault, nationalYears } from '@tongban/definitions/calendars/index.ts';
import { simulate, type SimResult } from '../../engine/src/simulate/simulate.ts';
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

const dir = directoryData();
let options: RunOptions | undefined;

/** Run options over the sample county and the default calendar. */
export function sampleOptions(): RunOptions {
  options ??= { calendar: createWorkCalendar(countyDefault as never, nationalYears as never), directory: createDirectory(dir) };
  return options;
}

function instrument(def: Definition, taken: Set<string>) {
  const c = compile(def);
  const impl = (c.machine as unknown as { implementations: { actions: Record<string, unknown> } }).implementations.actions;
  const machine = c.machine.provide({
    actions: {
      take: enqueueActions(({ enqueue }, params: { t?: string }) => {
        if (params?.t) taken.add(params.t);
        enqueue({ type: 'takeOrig', params } as never);
      }),
      takeOrig: impl.take,
    },
  } as never) as AnyStateMachine;
  return { ...c, machine };
}

/** Active state ids of a snapshot value (leaves and their ancestors). */
export function activeIds(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...activeIds(v)]);
}

function check(s: Scenario, r: SimResult, problems: string[]): void {
  const expectedRefusals = s.refused ?? [];
  for (const rec of r.records) {
    if (rec.label === 'expect' && !rec.accepted) problems.push(`expect failed: state ${JSON.stringify(rec.state)}`);
    else if (!rec.accepted && !expectedRefusals.some((x) => x.label === rec.label && rec.diagnostics.some((d) => d.code === x.code))) {
      problems.push(`refused: ${rec.label} → ${rec.diagnostics.map((d) => `${d.code} ${d.message['zh-CN']}`).join('; ')}`);
    }
  }
  for (const x of expectedRefusals) {
    if (!r.records.some((rec) => !rec.accepted && rec.label === x.label && rec.diagnostics.some((d) => d.code === x.code))) problems.push(`not refused: ${x.label} (${x.code})`);
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
  const taken = new Set<string>();
  const c = instrument(def, taken);
  const result = simulate(c as never, s.script, sampleOptions(), dir);
  const model = c.model;
  const visited = new Set<string>();
  const jumps = new Set<string>();
  let before: string[] = [];
  for (const rec of result.records) {
    const now = activeIds(rec.state);
    now.forEach((id) => visited.add(id));
    const act = rec.accepted ? rec.label.split(' ')[1] : undefined;
    for (const id of before) {
      const d = act ? model.states.get(id)?.spec.task?.decisions[act] : undefined;
      if (d?.to) jumps.add(`${id}/${act}`);
    }
    before = now;
  }
  for (const path of taken) {
    const t = c.transitionsByPath.get(path);
    if (!t) continue;
    visited.add(t.from);
    if (t.spec.target) visited.add(t.spec.target.replace(/^#/, ''));
  }
  const problems: string[] = [];
  check(s, result, problems);
  return { result, taken, visited, jumps, problems };
}
