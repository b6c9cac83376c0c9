/** 票签的法定人数 (quorum): a vote short of its quorum never passes, and its deadline voids it (coded, audited). */
import { describe, expect, it } from 'vitest';
import { compile } from '../compile/compile.ts';
import { oneStep } from '../testing/oneStep.ts';
import { start, step, type LiveSnapshot } from './step.ts';
import { act, actor, grid, testOptions } from '../testing/testkit.ts';
import type { TaskSpec } from '../definition/types.ts';

const t0 = Date.UTC(2026, 2, 2, 1, 0); // Mon 2026-03-02 09:00 +08:00
const opts = testOptions();
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

function vote(spec: Partial<TaskSpec>) {
  const def = oneStep({ mode: 'vote', ...spec });
  def.states.sign!.task!.decisions.adjourn = { title: t('流会', 'Adjourn'), kind: 'other' };
  def.states.sign!.on = { ...def.states.sign!.on, adjourn: { target: 'adjourned' } };
  def.states.adjourned = { type: 'final', outcome: 'adjourned' };
  const c = compile(def, { cache: false });
  let snap = start(c, { caseId: 'q', orgPath: grid, data: {}, meta: { at: t0, id: 's', actor: actor('gw1') } }, opts).snapshot;
  let at = t0;
  const taskOf = (user: string) => Object.values(snap.context.tasks).find((x) => x.assignee === user)!;
  return {
    act(user: string, action: string) {
      at += 60_000;
      const r = step(c, snap, act(taskOf(user).id, action, user, at), opts);
      snap = r.snapshot as LiveSnapshot;
      return r;
    },
    /** fires the step's deadline */
    due() {
      const [id, timer] = Object.entries(snap.context.timers).find(([, x]) => x.purpose === 'sla.due')!;
      const r = step(c, snap, { type: 'timer.fired', timerId: id, meta: { at: timer.dueAt, id: 'due', source: 'system' } }, opts);
      snap = r.snapshot as LiveSnapshot;
      return r;
    },
    state: () => snap.value,
  };
}

const sla = { within: 'P3D', clock: 'natural' as const, onBreach: [{ auto: 'reject' }] };

describe('vote quorum (法定人数)', () => {
  it('does not pass on a majority of those voting while the turnout is short of the quorum', () => {
    const v = vote({ vote: { threshold: 0.5, strict: true, quorum: 1 } });
    v.act('co1', 'approve');
    v.act('co2', 'approve');
    expect(v.state()).toBe('sign'); // 2 of 3 for, but only 2 of 3 voted and the quorum is everyone
    v.act('co3', 'abstain');
    expect(v.state()).toBe('passed'); // an abstention counts towards the quorum
  });

  it('passes as before when no quorum is set', () => {
    const v = vote({ vote: { threshold: 0.5, strict: true } });
    v.act('co1', 'approve');
    v.act('co2', 'approve');
    expect(v.state()).toBe('passed');
  });

  it('at the deadline without a quorum takes onNoQuorum with a coded warning and an audit entry', () => {
    const v = vote({ vote: { threshold: 0.5, strict: true, quorum: 0.67, onNoQuorum: 'adjourn' }, sla });
    v.act('co1', 'approve');
    const r = v.due();
    expect(r.accepted).toBe(true);
    expect(v.state()).toBe('adjourned');
    expect(r.diagnostics.map((d) => d.code)).toContain('run.vote-no-quorum');
    const w = r.diagnostics.find((d) => d.code === 'run.vote-no-quorum')!;
    expect(w.message['zh-CN']).toContain('法定人数');
    expect(w.message.en).toContain('quorum');
    expect(r.effects).toContainEqual(expect.objectContaining({ kind: 'audit', action: 'vote.no-quorum', detail: expect.objectContaining({ cast: 1, all: 3 }) }));
  });

  it('at the deadline with the quorum reached takes the ordinary auto decision', () => {
    const v = vote({ vote: { threshold: 0.9, quorum: 0.6, onNoQuorum: 'adjourn' }, sla });
    v.act('co1', 'approve');
    v.act('co2', 'approve');
    expect(v.state()).toBe('sign');
    const r = v.due();
    expect(v.state()).toBe('failed');
    expect(r.diagnostics.map((d) => d.code)).not.toContain('run.vote-no-quorum');
  });
});
