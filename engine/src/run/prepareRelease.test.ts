import { describe, expect, it } from 'vitest';
import { compile } from '../compile/compile.ts';
import { oneStep } from '../testing/oneStep.ts';
import { createDirectory } from './directory.ts';
import { start, step, type LiveSnapshot } from './step.ts';
import { act, actor, community, grid, testDirectory, testOptions } from '../testing/testkit.ts';

const t0 = Date.UTC(2026, 2, 2, 1, 0);
const opts = testOptions();

/** A community-officer group task claimed by co2. */
function claimed() {
  const c = compile(oneStep({}), { cache: false });
  let snap = start(c, { caseId: 'r', orgPath: grid, data: {}, meta: { at: t0, id: 's', actor: actor('gw1') } }, opts).snapshot as LiveSnapshot;
  const id = Object.keys(snap.context.tasks)[0]!;
  snap = step(c, snap, act(id, 'claim', 'co2', t0 + 1), opts).snapshot as LiveSnapshot;
  return { c, snap, id };
}

/** The directory after co2 moved away from the community (their role went with them). */
const movedAway = { ...opts, directory: createDirectory({ ...testDirectory, users: testDirectory.users.map((u) => (u.id === 'co2' ? { ...u, roles: [{ role: 'community-officer', orgPath: '/510722/510722101' }] } : u)) }) };

describe('task.released (a moved worker’s task returns to the group)', () => {
  it('unassigns the task and offers it to the group’s current members, without the one who left', () => {
    const { c, snap, id } = claimed();
    expect(snap.context.tasks[id]!.assignee).toBe('co2');
    const r = step(c, snap, { type: 'task.released', taskId: id, meta: { at: t0 + 2, id: 'rel', source: 'system' } }, movedAway);
    expect(r.accepted).toBe(true);
    const task = r.snapshot.context.tasks[id]!;
    expect(task.assignee).toBeUndefined();
    expect(task.candidates).toEqual(['co1', 'co3']);
    expect(task.group).toEqual({ role: 'community-officer', orgPath: community });
    expect(r.effects).toContainEqual({ kind: 'task.update', taskId: id, status: 'pending', assignee: null, candidates: ['co1', 'co3'] });
  });

  it('is refused for a task nobody holds, or one that does not exist', () => {
    const { c, snap, id } = claimed();
    const once = step(c, snap, { type: 'task.released', taskId: id, meta: { at: t0 + 2, id: 'rel', source: 'system' } }, movedAway).snapshot as LiveSnapshot;
    expect(step(c, once, { type: 'task.released', taskId: id, meta: { at: t0 + 3, id: 'rel2', source: 'system' } }, movedAway).diagnostics[0]!.code).toBe('run.not-claimable');
    expect(step(c, snap, { type: 'task.released', taskId: 'nope', meta: { at: t0 + 3, id: 'rel3', source: 'system' } }, movedAway).diagnostics[0]!.code).toBe('run.unknown-task');
  });

  it('takes a moved user off an unclaimed task they were merely offered', () => {
    const c = compile(oneStep({}), { cache: false });
    const snap = start(c, { caseId: 'r', orgPath: grid, data: {}, meta: { at: t0, id: 's', actor: actor('gw1') } }, opts).snapshot as LiveSnapshot;
    const id = Object.keys(snap.context.tasks)[0]!;
    const r = step(c, snap, { type: 'task.released', taskId: id, userId: 'co2', meta: { at: t0 + 2, id: 'rel', source: 'system' } }, movedAway);
    expect(r.snapshot.context.tasks[id]).toMatchObject({ candidates: ['co1', 'co3'] });
    expect(r.snapshot.context.tasks[id]!.assignee).toBeUndefined();
    const again = step(c, r.snapshot as LiveSnapshot, { type: 'task.released', taskId: id, userId: 'co2', meta: { at: t0 + 3, id: 'rel2', source: 'system' } }, movedAway);
    expect(again.diagnostics[0]!.code).toBe('run.not-claimable');
  });

  it('with nobody left in the group, follows the step’s onEmpty policy (the county admin by default)', () => {
    const { c, snap, id } = claimed();
    const empty = { ...opts, directory: createDirectory({ ...testDirectory, users: testDirectory.users.filter((u) => !['co1', 'co2', 'co3'].includes(u.id)) }) };
    const r = step(c, snap, { type: 'task.released', taskId: id, meta: { at: t0 + 2, id: 'rel', source: 'system' } }, empty);
    expect(r.accepted).toBe(true);
    expect(Object.values(r.snapshot.context.tasks).map((t) => t.assignee)).toEqual(['ca1']);
  });
});
