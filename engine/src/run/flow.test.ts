import { describe, expect, it } from 'vitest';
import def from './fixtures/approval.json' with { type: 'json' };
import { compile } from '../compile/compile.ts';
import { loadDefinition } from '../definition/load.ts';
import type { Definition } from '../definition/types.ts';
import { persist, start, step, type LiveSnapshot } from './step.ts';
import { act, actor, grid, testOptions } from '../testing/testkit.ts';
import type { CaseEvent, Effect } from './types.ts';

const t0 = Date.UTC(2026, 2, 2, 1, 0); // Mon 2026-03-02 09:00 +08:00
const opts = testOptions();
const loaded = loadDefinition(def);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
const c = compile(loaded.definition as Definition);

function session() {
  const first = start(c, { caseId: 'f', orgPath: grid, data: {}, meta: { at: t0, id: 's', actor: actor('gw1') } }, opts);
  let snap = first.snapshot;
  let at = t0;
  const log: CaseEvent[] = [];
  const effects: Effect[][] = [first.effects];
  const send = (ev: CaseEvent) => {
    const r = step(c, snap, ev, opts);
    if (r.accepted) { log.push(ev); effects.push(r.effects); }
    snap = r.snapshot as LiveSnapshot;
    return r;
  };
  const tasks = () => Object.values(snap.context.tasks);
  const taskFor = (user: string) => tasks().find((t) => t.assignee === user || (!t.assignee && t.candidates.includes(user)))!;
  const doAct = (user: string, action: string, extra = {}) => send(act(taskFor(user).id, action, user, (at += 60_000), extra));
  return { send, doAct, tasks, taskFor, snap: () => snap, log, effects, at: () => at };
}

describe('reject back (驳回) and resubmission', () => {
  it('needs a comment, then sends the case back to the previous step', () => {
    const s = session();
    s.doAct('gw1', 'submit', { data: { amount: 500 } });
    expect(s.snap().value).toBe('review');
    expect(s.doAct('co1', 'reject').diagnostics[0]!.code).toBe('run.missing-input');
    const r = s.doAct('co1', 'reject', { comment: '金额不对' });
    expect(r.accepted).toBe(true);
    expect(s.snap().value).toBe('draft');
    expect(s.snap().context.rejectReturn).toEqual({ from: 'review', to: 'draft' });
    s.doAct('gw1', 'submit', { data: { amount: 600 } });
    expect(s.snap().value).toBe('review');
    expect(s.snap().context.rejectReturn).toBeUndefined();
  });

  it('from inside a parallel state: both regions are left and every open task is cancelled', () => {
    const s = session();
    s.doAct('gw1', 'submit', { data: { amount: 5000 } });
    for (const u of ['co1', 'co2', 'co3']) s.doAct(u, 'approve');
    expect(s.snap().value).toEqual({ big: { legal: 'legal_check', money: 'money_check' } });
    expect(s.tasks()).toHaveLength(3);
    const r = s.send(act(s.tasks().find((t) => t.state === 'legal_check')!.id, 'reject', 'tr1', s.at() + 1000));
    expect(r.accepted).toBe(true);
    expect(s.snap().value).toBe('draft');
    expect(r.effects.filter((e) => e.kind === 'task.cancel')).toHaveLength(2);
    expect(s.tasks().map((t) => t.state)).toEqual(['draft']);
  });

  it('parallel regions join: the case finishes when both are done', () => {
    const s = session();
    s.doAct('gw1', 'submit', { data: { amount: 5000 } });
    for (const u of ['co1', 'co2', 'co3']) s.doAct(u, 'approve');
    s.send(act(s.tasks().find((t) => t.state === 'money_check' && t.assignee === 'tr2')!.id, 'approve', 'tr2', s.at() + 1000));
    expect(s.snap().value).toEqual({ big: { legal: 'legal_check', money: 'money_ok' } });
    s.send(act(s.tasks().find((t) => t.state === 'legal_check')!.id, 'approve', 'tr1', s.at() + 2000));
    expect(s.snap().value).toBe('done');
    expect(s.snap().status).toBe('done');
    expect(s.snap().context.outcome).toBe('approved');
  });
});

describe('withdraw (撤回)', () => {
  it('the submitter pulls back while the next tasks are unopened', () => {
    const s = session();
    const draftTask = s.taskFor('gw1').id;
    s.doAct('gw1', 'submit', { data: { amount: 10 } });
    const r = s.send(act(draftTask, 'withdraw', 'gw1', s.at() + 1000));
    expect(r.accepted).toBe(true);
    expect(s.snap().value).toBe('draft');
  });
  it('is refused once a next handler has opened the task, and for anyone else', () => {
    const s = session();
    const draftTask = s.taskFor('gw1').id;
    s.doAct('gw1', 'submit', { data: { amount: 10 } });
    expect(s.send(act(draftTask, 'withdraw', 'co1', s.at() + 1000)).diagnostics[0]!.code).toBe('run.nothing-to-withdraw');
    s.doAct('co2', 'open');
    expect(s.send(act(draftTask, 'withdraw', 'gw1', s.at() + 2000)).diagnostics[0]!.code).toBe('run.withdraw-too-late');
  });
});

describe('guards and field permissions', () => {
  it('routes by guard: small amounts skip the township checks', () => {
    const s = session();
    s.doAct('gw1', 'submit', { data: { amount: 10 } });
    for (const u of ['co1', 'co2', 'co3']) s.doAct(u, 'approve');
    expect(s.snap().value).toBe('done');
  });
  it('refuses writes to fields the step may not write, and missing required fields', () => {
    const s = session();
    expect(s.doAct('gw1', 'submit', { data: { reporterPhone: '13800001111', amount: 1 } }).diagnostics.map((d) => [d.code, d.path])).toEqual([['run.field-not-writable', '/data/reporterPhone']]);
    expect(s.doAct('gw1', 'submit', { data: { note: 'x' } }).diagnostics.map((d) => [d.code, d.path])).toEqual([['forms.required', '/data/amount']]);
    expect(s.doAct('gw1', 'submit', { data: { nope: 1 } }).diagnostics[0]!.code).toBe('run.unknown-field');
    expect(s.snap().value).toBe('draft');
  });
});

describe('SLA: warning, breach ladder, escalation', () => {
  it('a countersign has one deadline for the step: the 2/3 warning, the reminders and the escalation one working day later', () => {
    const s = session();
    const r = s.doAct('gw1', 'submit', { data: { amount: 10 } });
    const timers = r.effects.filter((e): e is Extract<Effect, { kind: 'timer.start' }> => e.kind === 'timer.start');
    expect(timers).toHaveLength(2); // due + warn for the step, not for each of its 3 signers
    expect(r.effects.filter((e) => e.kind === 'task.create').map((e) => 'dueAt' in e && e.dueAt)).toEqual(Array(3).fill(Date.UTC(2026, 2, 2, 3, 1)));
    const mine = Object.entries(s.snap().context.timers).filter(([, t]) => t.owner.kind === 'step' && t.owner.state === 'review');
    const warn = mine.find(([, t]) => t.purpose === 'sla.warn')!;
    const due = mine.find(([, t]) => t.purpose === 'sla.due')!;
    // submitted Mon 09:01; PT2H working → 11:01; warning at 0.67 → 10:21:24
    expect(new Date(due[1].dueAt).toISOString()).toBe('2026-03-02T03:01:00.000Z');
    expect(new Date(warn[1].dueAt).toISOString()).toBe('2026-03-02T02:21:24.000Z');
    const w = s.send({ type: 'timer.fired', timerId: warn[0], meta: { at: warn[1].dueAt, id: 'tw', source: 'system' } });
    expect(w.effects.map((e) => e.kind)).toEqual(['notify', 'audit', 'audit']);
    expect(w.effects[0]).toMatchObject({ kind: 'notify', recipients: { users: ['co1', 'co2', 'co3'] } });
    const d = s.send({ type: 'timer.fired', timerId: due[0], meta: { at: due[1].dueAt, id: 'td', source: 'system' } });
    expect(d.effects.filter((e) => e.kind === 'notify')).toHaveLength(1);
    const later = Object.entries(s.snap().context.timers).filter(([, t]) => t.owner.kind === 'step' && t.purpose === 'sla.rung');
    expect(later).toHaveLength(2); // the second reminder and the escalation
    const esc = later.find(([, t]) => t.rung === 1)!;
    expect(new Date(esc[1].dueAt).toISOString()).toBe('2026-03-03T03:01:00.000Z');
    const e = s.send({ type: 'timer.fired', timerId: esc[0], meta: { at: esc[1].dueAt, id: 'te', source: 'system' } });
    const notice = e.effects.find((x) => x.kind === 'notify');
    expect(notice && 'recipients' in notice && notice.recipients).toEqual({ role: 'township-reviewer', orgPath: '/510722/510722100' });
    expect(s.snap().context.escalation).toBe(1);
  });
  it('ignores a timer that was cancelled (its task is done)', () => {
    const s = session();
    const r = s.doAct('gw1', 'submit', { data: { amount: 10 } });
    const timer = r.effects.find((e) => e.kind === 'timer.start')!;
    for (const u of ['co1', 'co2', 'co3']) s.doAct(u, 'approve');
    const res = s.send({ type: 'timer.fired', timerId: 'timerId' in timer ? timer.timerId : '', meta: { at: t0 + 1e8, id: 'late', source: 'system' } });
    expect(res.accepted).toBe(false);
    expect(res.diagnostics[0]!.code).toBe('run.case-finished');
  });
});

describe('bad events', () => {
  it('returns coded diagnostics and leaves the snapshot as it was', () => {
    const s = session();
    const before = JSON.stringify(persist(s.snap()));
    const cases: Array<[unknown, string]> = [
      [null, 'run.bad-event'],
      [{ type: 'x' }, 'run.bad-event'],
      [{ type: '$goto.done', meta: { at: 1, id: 'a' } }, 'run.bad-event'],
      [{ type: 'nope', meta: { at: 1, id: 'a' } }, 'run.event-not-accepted'],
      [{ type: 'task.act', taskId: 'zzz', action: 'submit', meta: { at: 1, id: 'a', actor: actor('gw1') } }, 'run.unknown-task'],
      [{ type: 'task.act', taskId: s.taskFor('gw1').id, action: 'fly', meta: { at: 1, id: 'a', actor: actor('gw1') } }, 'run.unknown-action'],
      [{ type: 'timer.fired', timerId: 'zz', meta: { at: 1, id: 'a' } }, 'run.unknown-timer'],
    ];
    for (const [ev, code] of cases) {
      const r = s.send(ev as CaseEvent);
      expect(r.accepted).toBe(false);
      expect(r.diagnostics[0]!.code).toBe(code);
    }
    expect(JSON.stringify(persist(s.snap()))).toBe(before);
  });
});

describe('determinism', () => {
  it('replaying the event log from a stored snapshot reproduces snapshots and effects exactly', () => {
    const s = session();
    s.doAct('gw1', 'submit', { data: { amount: 5000 } });
    s.doAct('co1', 'reject', { comment: '补充材料' });
    s.doAct('gw1', 'submit', { data: { amount: 7000 } });
    for (const u of ['co1', 'co2', 'co3']) s.doAct(u, 'approve');
    s.send(act(s.tasks().find((t) => t.state === 'money_check')!.id, 'approve', 'tr1', s.at() + 5));
    const stored = JSON.parse(JSON.stringify(persist(s.snap())));
    const replay = start(c, { caseId: 'f', orgPath: grid, data: {}, meta: { at: t0, id: 's', actor: actor('gw1') } }, opts);
    let snap = replay.snapshot;
    const effects = [replay.effects];
    for (const ev of JSON.parse(JSON.stringify(s.log)) as CaseEvent[]) {
      const r = step(c, JSON.parse(JSON.stringify(persist(snap))), ev, opts); // through storage each time
      effects.push(r.effects);
      snap = r.snapshot;
    }
    expect(JSON.parse(JSON.stringify(persist(snap)))).toEqual(stored);
    expect(JSON.parse(JSON.stringify(effects))).toEqual(JSON.parse(JSON.stringify(s.effects)));
  });
});

describe('form rules are enforced by the engine (not only the UI)', () => {
  it('rejects a wrongly typed value with a coded, bilingual message', () => {
    const s = session();
    const r = s.doAct('gw1', 'submit', { data: { amount: 'lots' } });
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([['forms.type', '/data/amount']]);
    expect(r.diagnostics[0]!.message['zh-CN']).toMatch(/类型不正确/);
  });
  it('returns the transition trace of an accepted step', () => {
    const s = session();
    const r = s.doAct('gw1', 'submit', { data: { amount: 1 } });
    expect(r.trace).toEqual({ transitions: ['/states/draft/on/submit'], entered: ['review'] });
  });
});

describe('reject back to the initiator (驳回到发起人)', () => {
  it('goes to the first human step reachable from the initial state, and resubmission follows the flow', () => {
    const variant = structuredClone(loaded.definition as Definition);
    variant.id = 'test-approval-initiator';
    variant.states.review!.task!.decisions.reject = { title: { 'zh-CN': '驳回', en: 'Reject' }, to: 'initiator', resubmit: 'flow' };
    const v = compile(variant);
    let snap = start(v, { caseId: 'i', orgPath: grid, data: {}, meta: { at: t0, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const first = (user: string) => Object.values(snap.context.tasks).find((t) => t.assignee === user)!.id;
    snap = step(v, snap, act(first('gw1'), 'submit', 'gw1', t0 + 1, { data: { amount: 5 } }), opts).snapshot;
    const r = step(v, snap, act(first('co2'), 'reject', 'co2', t0 + 2), opts);
    expect(r.snapshot.value).toBe('draft');
    expect(r.snapshot.context.rejectReturn).toBeUndefined();
    expect(r.trace.transitions).toEqual(['task.reject']);
  });
});
