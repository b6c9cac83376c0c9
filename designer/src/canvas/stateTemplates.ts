/** What a new step of each kind starts as (the palette and the "+" buttons), with ids that do not clash. */
import type { Definition, StateSpec } from '@tongban/engine';
import { freshStateId } from '../doc/commands.ts';
import type { StateKind } from '../doc/stateIndex.ts';

export type NewKind = Extract<StateKind, 'human' | 'automatic' | 'waiting' | 'subcase' | 'parallel' | 'final'>;
export const NewKinds: NewKind[] = ['human', 'automatic', 'waiting', 'subcase', 'parallel', 'final'];

const title = (zh: string, en: string) => ({ 'zh-CN': zh, en });

function humanStep(def: Definition, t: { 'zh-CN': string; en: string }): StateSpec {
  const role = Object.keys(def.roles)[0] ?? 'community-officer';
  return { title: t, task: { assignee: { role, scope: 'community' }, decisions: { approve: { title: title('通过', 'Approve'), kind: 'approve' } } } };
}

/** A new state of `kind`: its id and spec (a parallel state brings two regions). */
export function newState(def: Definition, kind: NewKind): { id: string; spec: StateSpec } {
  const id = freshStateId(def, { human: 'step', automatic: 'auto', waiting: 'wait', subcase: 'subcase', parallel: 'parallel', final: 'end' }[kind]);
  const finalId = Object.entries(def.states).find(([, s]) => s.type === 'final')?.[0];
  switch (kind) {
    case 'human': return { id, spec: humanStep(def, title('新步骤', 'New step')) };
    case 'automatic': return { id, spec: { title: title('自动处理', 'Automatic'), ...(finalId ? { always: { target: finalId } } : {}) } };
    case 'waiting': return { id, spec: { title: title('等待回复', 'Waiting'), wait: { for: 'external' } } };
    case 'subcase': return { id, spec: { title: title('子案件', 'Sub-case'), subcase: { definition: def.id } } };
    case 'final': return { id, spec: { title: title('结束', 'Done'), type: 'final', outcome: 'done' } };
    case 'parallel': {
      const region = (n: number): StateSpec => ({
        title: title(`分支${n}`, `Branch ${n}`), initial: `${id}_${n}`,
        states: { [`${id}_${n}`]: { ...humanStep(def, title(`并行办理${n}`, `Parallel step ${n}`)), on: { approve: { target: `${id}_${n}_done` } } }, [`${id}_${n}_done`]: { title: title('分支完成', 'Branch done'), type: 'final' } },
      });
      return { id, spec: { title: title('并行办理', 'In parallel'), type: 'parallel', states: { [`${id}_r1`]: region(1), [`${id}_r2`]: region(2) } } };
    }
  }
}

/** The event a new connection from `from` uses: its first decision not yet wired, else `next`. */
export function nextEventOf(def: Definition, from: StateSpec | undefined): string {
  const decisions = Object.keys(from?.task?.decisions ?? {});
  const wired = new Set(Object.keys(from?.on ?? {}));
  return decisions.find((d) => !wired.has(d) && !from?.task?.decisions[d]?.to) ?? (decisions.length ? decisions[0]! : 'next');
  void def;
}
