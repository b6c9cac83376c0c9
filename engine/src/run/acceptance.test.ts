/**
 * One source of truth for what an actor may do now: along real case paths, for every user of the
 * test county and every action that could be tried, `availableActions` lists an action exactly when
 * `step` (given the action's inputs) does not refuse it for who is acting or in what state.
 */
import { describe, expect, it } from 'vitest';
import def from './fixtures/approval.json' with { type: 'json' };
import { compile } from '../compile/compile.ts';
import { eventOf } from '../compile/model.ts';
import type { Definition } from '../definition/types.ts';
import { TaskOps } from '../definition/types.ts';
import { actor, grid, testDirectory, testOptions } from '../testing/testkit.ts';
import { availableActions } from './available.ts';
import { start, step, type LiveSnapshot } from './step.ts';
import type { CaseEvent } from './types.ts';

const c = compile(def as unknown as Definition);
const opts = testOptions();
const t0 = Date.UTC(2026, 2, 2, 1, 0);

/** Refusal codes about who acts or the state of things; other refusals (a missing comment, the form) are about inputs. */
const acceptanceCodes = new Set(['run.unknown-task', 'run.not-assignee', 'run.not-claimable', 'run.task-not-pending', 'run.role-not-allowed',
  'run.unknown-action', 'run.action-not-allowed', 'run.nothing-to-withdraw', 'run.withdraw-too-late', 'run.event-not-accepted']);

let n = 0;
function attempt(snap: LiveSnapshot, user: string, taskId: string | undefined, action: string, kind: 'task' | 'event'): CaseEvent {
  const meta = { at: t0 + 10 * 60_000 + ++n, id: `p${n}`, actor: actor(user) };
  if (kind === 'event') return { type: action, comment: '理由', meta };
  const others = testDirectory.users.map((u) => u.id).filter((u) => u !== user);
  return { type: 'task.act', taskId: taskId ?? 'none', action, comment: '理由', users: [others[0]!], data: action === 'submit' ? { amount: 5 } : undefined, meta } as CaseEvent;
}

/** Every (task, action) a user could try on the snapshot, plus withdraw and every plain event of the definition. */
function candidates(snap: LiveSnapshot): Array<{ taskId?: string; action: string; kind: 'task' | 'event' }> {
  const out: Array<{ taskId?: string; action: string; kind: 'task' | 'event' }> = [];
  for (const t of Object.values(snap.context.tasks)) {
    const spec = c.model.states.get(t.state)!.spec.task!;
    for (const action of [...Object.keys(spec.decisions), 'claim', ...TaskOps.filter((o) => o !== 'withdraw' && o !== 'urge')]) out.push({ taskId: t.id, action, kind: 'task' });
  }
  const last = snap.context.trail.at(-1);
  if (last) out.push({ taskId: last.taskId, action: 'withdraw', kind: 'task' });
  for (const e of new Set(c.model.transitions.map(eventOf).filter(Boolean) as string[])) out.push({ action: e, kind: 'event' });
  return out;
}

function agree(snap: LiveSnapshot): number {
  let checked = 0;
  for (const user of testDirectory.users.map((u) => u.id)) {
    const listed = new Set(availableActions(c, snap, actor(user)).map((a) => `${a.taskId ?? ''}:${a.name}`));
    for (const cand of candidates(snap)) {
      const r = step(c, snap, attempt(snap, user, cand.taskId, cand.action, cand.kind), opts);
      const refusedForWho = !r.accepted && r.diagnostics.some((d) => acceptanceCodes.has(d.code));
      const key = `${cand.kind === 'event' ? '' : cand.taskId}:${cand.action}`;
      // `claim` is listed only where it means something (a group task); a single holder acts directly
      if (cand.action === 'claim' && !listed.has(key) && !refusedForWho) continue;
      expect(listed.has(key), `${user} ${key}: listed=${listed.has(key)} step=${r.accepted ? 'accepted' : r.diagnostics.map((d) => d.code).join(',')}`).toBe(!refusedForWho);
      checked++;
    }
  }
  return checked;
}

describe('availableActions and step agree', () => {
  it('at every step of a case through countersign, reject-back, parallel review and the end', () => {
    let snap = start(c, { caseId: 'a', orgPath: grid, data: {}, meta: { at: t0, id: 's', actor: actor('gw1') } }, opts).snapshot;
    let checked = agree(snap);
    const path: Array<[string, string, Record<string, unknown>]> = [
      ['gw1', 'submit', { data: { amount: 5000 } }], ['co1', 'approve', {}], ['co2', 'reject', { comment: '再核实' }],
      ['gw1', 'submit', { data: { amount: 5000 } }], ['co1', 'approve', {}], ['co2', 'approve', {}], ['co3', 'approve', {}], ['tr1', 'approve', {}],
    ];
    for (const [user, action, extra] of path) {
      const task = Object.values(snap.context.tasks).find((t) => (t.assignee ?? t.candidates[0]) === user || t.candidates.includes(user))!;
      const r = step(c, snap, { type: 'task.act', taskId: task.id, action, ...extra, meta: { at: t0 + ++n, id: `q${n}`, actor: actor(user) } } as CaseEvent, opts);
      expect(r.accepted, `${user} ${action}: ${JSON.stringify(r.diagnostics)}`).toBe(true);
      snap = r.snapshot;
      checked += agree(snap);
    }
    expect(checked).toBeGreaterThan(500);
  });
});
