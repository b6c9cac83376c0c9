import { describe, expect, it } from 'vitest';
import { compile } from '../compile/compile.ts';
import { oneStep } from '../testing/oneStep.ts';
import { start, step, type LiveSnapshot } from './step.ts';
import { act, actor, grid, testOptions } from '../testing/testkit.ts';
import type { TaskSpec } from '../definition/types.ts';

const t0 = Date.UTC(2026, 2, 2, 1, 0); // Mon 2026-03-02 09:00 +08:00
const opts = testOptions();

function run(task: Partial<TaskSpec>) {
  const c = compile(oneStep(task), { cache: false });
  let snap = start(c, { caseId: 'm', orgPath: grid, data: {}, meta: { at: t0, id: 's', actor: actor('gw1') } }, opts).snapshot;
  let at = t0;
  const open = () => Object.values(snap.context.tasks);
  const taskOf = (user: string) => open().find((x) => x.assignee === user || (!x.assignee && x.candidates.includes(user)))!;
  const doAct = (user: string, action: string, extra = {}) => {
    at += 60_000;
    const r = step(c, snap, act(taskOf(user)?.id ?? 'none', action, user, at, extra), opts);
    snap = r.snapshot as LiveSnapshot;
    return r;
  };
  const actOn = (taskId: string, user: string, action: string) => {
    at += 60_000;
    const r = step(c, snap, act(taskId, action, user, at), opts);
    snap = r.snapshot as LiveSnapshot;
    return r;
  };
  return { doAct, actOn, open, state: () => snap.value, snap: () => snap };
}

describe('single (claimable group task)', () => {
  it('creates one task for the role group, claimed by whoever acts first', () => {
    const r = run({});
    expect(r.open()).toHaveLength(1);
    expect(r.open()[0]!.candidates).toEqual(['co1', 'co2', 'co3']);
    expect(r.open()[0]!.assignee).toBeUndefined();
    expect(r.doAct('co2', 'claim').accepted).toBe(true);
    expect(r.open()[0]!.assignee).toBe('co2');
    expect(r.actOn(r.open()[0]!.id, 'co1', 'approve').diagnostics[0]!.code).toBe('run.not-assignee');
    r.doAct('co2', 'approve');
    expect(r.state()).toBe('passed');
  });
});

describe('all (会签)', () => {
  it('passes only when every signer approves', () => {
    const r = run({ mode: 'all' });
    expect(r.open().map((x) => x.assignee)).toEqual(['co1', 'co2', 'co3']);
    r.doAct('co1', 'approve');
    r.doAct('co2', 'approve');
    expect(r.state()).toBe('sign');
    r.doAct('co3', 'approve');
    expect(r.state()).toBe('passed');
  });
  it('fails at the first dissent when all must approve, cancelling the other tasks', () => {
    const r = run({ mode: 'all' });
    r.doAct('co1', 'approve');
    const res = r.doAct('co2', 'reject');
    expect(r.state()).toBe('failed');
    expect(res.effects.filter((e) => e.kind === 'task.cancel').map((e) => 'taskId' in e && e.taskId)).toHaveLength(1);
  });
  it('passes by ratio with one dissent (2 of 3 at 0.6)', () => {
    const r = run({ mode: 'all', passRatio: 0.6 });
    r.doAct('co1', 'reject');
    expect(r.state()).toBe('sign');
    r.doAct('co2', 'approve');
    r.doAct('co3', 'approve');
    expect(r.state()).toBe('passed');
  });
});

describe('any (或签)', () => {
  it('the first approval decides and cancels the siblings', () => {
    const r = run({ mode: 'any' });
    const res = r.doAct('co3', 'approve');
    expect(r.state()).toBe('passed');
    expect(res.effects.filter((e) => e.kind === 'task.cancel')).toHaveLength(2);
  });
  it('rejects only when everyone rejected, unless the first rejection decides', () => {
    const r = run({ mode: 'any' });
    r.doAct('co1', 'reject');
    r.doAct('co2', 'reject');
    expect(r.state()).toBe('sign');
    r.doAct('co3', 'reject');
    expect(r.state()).toBe('failed');
    const q = run({ mode: 'any', firstRejectDecides: true });
    q.doAct('co1', 'reject');
    expect(q.state()).toBe('failed');
  });
});

describe('sequence (依次)', () => {
  it('hands over one signer at a time, in order', () => {
    const r = run({ mode: 'sequence' });
    expect(r.open().map((x) => x.assignee)).toEqual(['co1']);
    r.doAct('co1', 'approve');
    expect(r.open().map((x) => x.assignee)).toEqual(['co2']);
    r.doAct('co2', 'approve');
    r.doAct('co3', 'approve');
    expect(r.state()).toBe('passed');
  });
  it('stops at a rejection', () => {
    const r = run({ mode: 'sequence' });
    r.doAct('co1', 'approve');
    r.doAct('co2', 'reject');
    expect(r.state()).toBe('failed');
  });
});

describe('vote (票签)', () => {
  it('passes when the weighted share for reaches the threshold', () => {
    const r = run({ mode: 'vote', vote: { threshold: 0.5, strict: true } });
    r.doAct('co1', 'approve');
    expect(r.state()).toBe('sign');
    r.doAct('co2', 'approve');
    expect(r.state()).toBe('passed');
  });
  it('fails as soon as the threshold is out of reach; abstentions are excluded', () => {
    const r = run({ mode: 'vote', vote: { threshold: 0.5 } });
    r.doAct('co1', 'reject');
    r.doAct('co2', 'abstain');
    expect(r.state()).toBe('sign');
    r.doAct('co3', 'reject');
    expect(r.state()).toBe('failed');
  });
});

describe('transfer, delegate, add/remove signer', () => {
  it('转办 hands the task to another user entirely', () => {
    const r = run({ assignee: { user: 'co1' } });
    const res = r.doAct('co1', 'transfer', { users: ['co2'] });
    expect(res.accepted).toBe(true);
    expect(r.open().map((x) => x.assignee)).toEqual(['co2']);
    expect(r.doAct('co1', 'approve').accepted).toBe(false);
    r.doAct('co2', 'approve');
    expect(r.state()).toBe('passed');
  });
  it('委派 comes back to the owner, who then decides', () => {
    const r = run({ assignee: { user: 'co1' } });
    r.doAct('co1', 'delegate', { users: ['co3'] });
    expect(r.open().map((x) => [x.assignee, x.status])).toEqual([['co1', 'delegated'], ['co3', 'pending']]);
    expect(r.doAct('co1', 'approve').diagnostics[0]!.code).toBe('run.task-not-pending');
    r.doAct('co3', 'approve');
    expect(r.state()).toBe('sign');
    expect(r.open().map((x) => [x.assignee, x.status])).toEqual([['co1', 'pending']]);
    r.doAct('co1', 'approve');
    expect(r.state()).toBe('passed');
  });
  it('加签 before: the added signer acts first, then the original', () => {
    const r = run({ assignee: { user: 'co1' } });
    r.doAct('co1', 'addSigner', { users: ['co2'], position: 'before' });
    expect(r.open().map((x) => x.assignee)).toEqual(['co2']);
    r.doAct('co2', 'approve');
    expect(r.open().map((x) => x.assignee)).toEqual(['co1']);
    r.doAct('co1', 'approve');
    expect(r.state()).toBe('passed');
  });
  it('加签 after, then 减签 removes the added signer who has not acted', () => {
    const r = run({ assignee: { user: 'co1' } });
    r.doAct('co1', 'addSigner', { users: ['co2'], position: 'after' });
    r.doAct('co1', 'removeSigner', { users: ['co2'] });
    r.doAct('co1', 'approve');
    expect(r.state()).toBe('passed');
  });
  it('减签 in a countersign cancels the removed signer, and the step passes without them', () => {
    const r = run({ mode: 'all', assignee: { user: 'co1' } });
    r.doAct('co1', 'addSigner', { users: ['co2', 'co3'] });
    expect(r.open().map((x) => x.assignee)).toEqual(['co1', 'co2', 'co3']);
    r.doAct('co2', 'approve');
    const res = r.doAct('co1', 'removeSigner', { users: ['co3', 'co2'] });
    expect(res.effects.filter((e) => e.kind === 'task.cancel')).toHaveLength(1); // co2 already acted: kept
    expect(r.open().map((x) => x.assignee)).toEqual(['co1']);
    r.doAct('co1', 'approve');
    expect(r.state()).toBe('passed');
  });
  it('refuses operations the step does not allow, and unknown users', () => {
    const r = run({ assignee: { user: 'co1' }, allow: [] });
    expect(r.doAct('co1', 'transfer', { users: ['co2'] }).diagnostics[0]!.code).toBe('run.action-not-allowed');
    const q = run({ assignee: { user: 'co1' } });
    expect(q.doAct('co1', 'transfer', { users: ['nobody'] }).diagnostics[0]!.code).toBe('run.unknown-user');
  });
});

describe('assignment policies', () => {
  it('an empty assignee with auto-pass leaves the step at once', () => {
    const r = run({ assignee: { role: 'township-reviewer', scope: 'grid' }, onEmpty: 'auto-pass' });
    expect(r.state()).toBe('passed');
  });
  it('an empty assignee defaults to the county admin', () => {
    const r = run({ assignee: { role: 'nobody-role', scope: 'community' } });
    expect(r.open()[0]!.candidates).toEqual(['ca1']);
  });
  it('the initiator as assignee goes to the superior level when configured', () => {
    const r = run({ assignee: { role: 'grid-worker', scope: 'grid' }, onInitiator: 'superior' });
    const task = r.open()[0]!;
    expect(task.candidates).not.toContain('gw1');
    const created = compile(oneStep({ assignee: { role: 'grid-worker', scope: 'grid' }, onInitiator: 'superior' }), { cache: false });
    const s = start(created, { caseId: 'x', orgPath: grid, data: {}, meta: { at: t0, id: 's', actor: actor('gw1') } }, opts);
    const why = s.effects.find((e) => e.kind === 'task.create');
    expect(why && 'assignment' in why && why.assignment.why.map((w) => w.en).join(' | ')).toContain('passed to the superior level');
  });
});

describe('task.unassignable from the runtime', () => {
  it('moves the task to the county admin by default, or auto-passes when configured', () => {
    const c = compile(oneStep({ assignee: { user: 'co1' } }), { cache: false });
    const s = start(c, { caseId: 'u', orgPath: grid, data: {}, meta: { at: t0, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const id = Object.keys(s.context.tasks)[0]!;
    const r = step(c, s, { type: 'task.unassignable', taskId: id, meta: { at: t0 + 1, id: 'u1', source: 'system' } }, opts);
    expect(Object.values(r.snapshot.context.tasks).map((t) => t.assignee)).toEqual(['ca1']);
    const p = compile(oneStep({ assignee: { user: 'co1' }, onEmpty: 'auto-pass' }), { cache: false });
    const s2 = start(p, { caseId: 'u', orgPath: grid, data: {}, meta: { at: t0, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const r2 = step(p, s2, { type: 'task.unassignable', taskId: Object.keys(s2.context.tasks)[0]!, meta: { at: t0 + 1, id: 'u1', source: 'system' } }, opts);
    expect(r2.snapshot.value).toBe('passed');
  });
});
