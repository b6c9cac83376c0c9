/**
 * Reading the impact report and planning a migration: what replaying a running case on the draft
 * would do to it, in the few kinds an admin decides on, and which old states need a mapping.
 */
import { activeLeaves } from '@tongban/engine';
import type { ImpactCase } from '../api/designerApi.ts';

export const ImpactKinds = ['stops', 'state-changed', 'task-lost', 'task-gained', 'unchanged'] as const;
export type ImpactKind = (typeof ImpactKinds)[number];

/** The kinds of change a case would see under the draft; `unchanged` alone when none. */
export function impactKinds(c: ImpactCase): ImpactKind[] {
  const kinds: ImpactKind[] = [];
  if (c.stops) kinds.push('stops');
  if (c.changesState) kinds.push('state-changed');
  if (c.tasks.lost.length) kinds.push('task-lost');
  if (c.tasks.gained.length) kinds.push('task-gained');
  return kinds.length ? kinds : ['unchanged'];
}

/** A state value (a name, or nested names of compound and parallel states) as its active leaves. */
export function stateText(value: unknown): string {
  const leaves = activeLeaves(value);
  return leaves.length ? leaves.join(' + ') : '—';
}

/** One old state the chosen cases are in: whether the draft still has a state of that id. */
export interface MappingRow { state: string; cases: number; inDraft: boolean }

/** The distinct old states of the chosen cases, those missing from the draft first (they need a choice). */
export function mappingRows(cases: ImpactCase[], chosen: readonly string[], draftStates: ReadonlySet<string>): MappingRow[] {
  const counts = new Map<string, number>();
  for (const c of cases) if (chosen.includes(c.caseId)) for (const leaf of activeLeaves(c.state)) counts.set(leaf, (counts.get(leaf) ?? 0) + 1);
  return [...counts].map(([state, n]) => ({ state, cases: n, inDraft: draftStates.has(state) }))
    .sort((a, b) => Number(a.inDraft) - Number(b.inDraft) || a.state.localeCompare(b.state));
}

/** The mapping the server gets: only the states the admin mapped (an unlisted state keeps its id, or leaves its case on the old version). */
export function mappingOf(choices: Record<string, string | undefined>): { states: Record<string, string> } {
  return { states: Object.fromEntries(Object.entries(choices).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')) };
}
