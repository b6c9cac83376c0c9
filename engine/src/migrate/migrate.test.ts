import { describe, expect, it } from 'vitest';
import def from '../run/fixtures/approval.json' with { type: 'json' };
import { compile } from '../compile/compile.ts';
import type { Definition } from '../definition/types.ts';
import { persist, start, step, type LiveSnapshot } from '../run/step.ts';
import type { CaseEvent } from '../run/types.ts';
import { act, actor, grid, testOptions } from '../testing/testkit.ts';
import { migrate } from './migrate.ts';
import { replayCase } from './replay.ts';

const v1 = compile(def as unknown as Definition, { cache: false });
const opts = testOptions();
const t0 = Date.UTC(2026, 2, 2, 1);

/** Version 2: `review` is renamed `check` (still a countersign). */
function v2def(): Definition {
  const d = structuredClone(def) as unknown as Definition;
  d.version = 2;
  const review = d.states.review!;
  delete d.states.review;
  d.states.check = review;
  d.states.draft!.on = { submit: { target: 'check' } };
  return d;
}

function caseIn(state: 'review' | 'draft'): { snap: LiveSnapshot; log: CaseEvent[] } {
  const log: CaseEvent[] = [];
  let snap = start(v1, { caseId: 'm', orgPath: grid, data: {}, meta: { at: t0, id: 's', actor: actor('gw1') } }, opts).snapshot;
  if (state === 'review') {
    const e = act(Object.keys(snap.context.tasks)[0]!, 'submit', 'gw1', t0 + 1, { data: { amount: 50 } });
    snap = step(v1, snap, e, opts).snapshot;
    log.push(e);
  }
  return { snap, log };
}

const meta = { at: t0 + 10, id: 'mig', actor: actor('ca1') };

describe('migrate', () => {
  it('refuses a case whose state the new version lacks, unless the mapping places it', () => {
    const v2 = compile(v2def(), { cache: false });
    const { snap } = caseIn('review');
    const refused = migrate(persist(snap), v1, v2, {}, opts, meta);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.diagnostics.map((d) => [d.code, d.path])).toEqual([['migrate.state-unmapped', '/mapping/states/review']]);
    const bad = migrate(persist(snap), v1, v2, { states: { review: 'nowhere', ghost: 'check' } }, opts, meta);
    expect(!bad.ok && bad.diagnostics.map((d) => d.code)).toEqual(['migrate.target-unknown', 'migrate.source-unknown']);
  });
  it('maps a state, keeps its open tasks (renamed, with their timers) and runs on the new version', () => {
    const v2 = compile(v2def(), { cache: false });
    const { snap } = caseIn('review');
    const r = migrate(persist(snap), v1, v2, { states: { review: 'check' } }, opts, meta);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.snapshot.value).toBe('check');
    expect(r.snapshot.context.version).toBe(2);
    expect(r.report.tasks.kept).toHaveLength(3);
    expect(Object.values(r.snapshot.context.tasks).every((t) => t.state === 'check')).toBe(true);
    expect(r.effects.filter((e) => e.kind === 'task.update').map((e) => 'state' in e && e.state)).toEqual(['check', 'check', 'check']);
    expect(r.effects.at(-1)).toMatchObject({ kind: 'audit', action: 'case.migrated', detail: { fromVersion: 1, toVersion: 2 } });
    let next = r.snapshot;
    for (const task of Object.values(r.snapshot.context.tasks)) next = step(v2, next, act(task.id, 'approve', task.assignee!, t0 + 20), opts).snapshot;
    expect(next.value).toBe('done');
  });
  it('cancels tasks whose step is gone and creates those of a new step', () => {
    const d = structuredClone(def) as unknown as Definition;
    d.version = 3;
    d.states.draft!.task!.assignee = { role: 'community-officer', scope: 'community' };
    const v3 = compile(d, { cache: false });
    const { snap } = caseIn('draft');
    const r = migrate(persist(snap), v1, v3, {}, opts, meta);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.report.tasks).toEqual({ kept: [Object.keys(snap.context.tasks)[0]], lost: [], gained: [] });
    const moved = migrate(persist(caseIn('review').snap), v1, compile(v2def(), { cache: false }), { states: { review: 'draft' } }, opts, meta);
    if (!moved.ok) throw new Error(JSON.stringify(moved.diagnostics));
    expect(moved.report.tasks.lost).toHaveLength(3);
    expect(moved.report.tasks.gained).toHaveLength(1);
    expect(moved.effects.filter((e) => e.kind === 'task.cancel')).toHaveLength(3);
  });
});

describe('replayCase (dry run of a new version against a running case)', () => {
  it('replays the log: same version → nothing changes; a renamed step → the case would be elsewhere, its tasks on another step', () => {
    const { snap, log } = caseIn('review');
    const created = { data: {}, meta: { at: t0, id: 's', actor: actor('gw1') } };
    const same = replayCase({ caseId: 'm', orgPath: grid, created, events: log }, v1, v1, opts, persist(snap));
    expect(same).toMatchObject({ changesState: false, tasks: { lost: [], gained: [] } });
    expect(same.stops).toBeUndefined();
    const v2 = compile(v2def(), { cache: false });
    const r = replayCase({ caseId: 'm', orgPath: grid, created, events: log }, v1, v2, opts, persist(snap));
    expect(r).toMatchObject({ changesState: true, state: { now: 'review', replayed: 'check' }, tasks: { lost: ['review', 'review', 'review'], gained: ['check', 'check', 'check'] } });
  });
  it('says where a case would stop: an act the new version refuses', () => {
    const d = structuredClone(def) as unknown as Definition;
    d.version = 4;
    d.states.draft!.task!.decisions = { send: { title: { 'zh-CN': '提交', en: 'Send' }, kind: 'approve' } };
    d.states.draft!.on = { send: { target: 'review' } };
    const { snap, log } = caseIn('review');
    const r = replayCase({ caseId: 'm', orgPath: grid, created: { data: {}, meta: { at: t0, id: 's', actor: actor('gw1') } }, events: log }, v1, compile(d, { cache: false }), opts, persist(snap));
    expect(r.stops).toMatchObject({ index: 1, type: 'task.submit' });
    expect(r.stops!.diagnostics[0]!.code).toBe('run.unknown-action');
  });
});
