/**
 * The engine bugs of issue 12 §2, each pinned by a test that failed before its fix: guards while a
 * case starts, `pick`, breach auto-actions, notify to a phone field, double audit records, the
 * definition's calendar, guard refusals that say why, and a refused intake in a simulation.
 */
import { describe, expect, it } from 'vitest';
import { countyDefault, nationalYears } from '@tongban/definitions/calendars';
import { createWorkCalendar } from '../calendar/index.ts';
import { compile } from '../compile/compile.ts';
import { loadDefinition } from '../definition/load.ts';
import type { Definition } from '../definition/types.ts';
import { simulate } from '../simulate/simulate.ts';
import { oneStep } from '../testing/oneStep.ts';
import { act, actor, community, grid, testDirectory, testOptions } from '../testing/testkit.ts';
import { persist, start, step } from './step.ts';
import type { CaseEvent, Effect } from './types.ts';

const t = (zh: string, en = zh) => ({ 'zh-CN': zh, en });
const at = Date.UTC(2026, 2, 2, 1); // Mon 09:00 +08:00
const opts = testOptions();

function loaded(def: Definition): Definition {
  const r = loadDefinition(def);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics.map((d) => [d.code, d.path])));
  return r.definition;
}

describe('guards evaluated while a case starts', () => {
  it('see the actor, its roles and the event time, as `set` on the same transition does', () => {
    const def = oneStep({ assignee: { user: 'co1' } });
    def.initial = 'route';
    def.data.properties = { ...(def.data.properties as object), by: { type: 'string', 'x-pii': 'none' } };
    def.states.route = {
      always: [
        { target: 'sign', guard: { and: [{ in: ['grid-worker', { var: 'actor.roles' }] }, { '>': [{ var: 'event.at' }, 0] }, { '==': [{ var: 'actor.userId' }, 'gw1'] }] }, set: { by: { var: 'actor.userId' } } },
        { target: 'failed' },
      ],
    };
    const c = compile(loaded(def), { cache: false });
    const r = start(c, { caseId: 'g', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, opts);
    expect(r.snapshot.value).toBe('sign');
    expect(r.snapshot.context.data.by).toBe('gw1');
    expect(JSON.stringify(persist(r.snapshot))).not.toContain('$step');
  });
});

describe('pick (发起人自选 / 审批人自选) is checked at the act', () => {
  function picking(): Definition {
    const def = oneStep({ assignee: { user: 'gw1' }, form: 'pick-form' });
    def.data.properties = { ...(def.data.properties as object), approver: { type: 'string', 'x-pii': 'none' } };
    def.forms = { 'pick-form': { title: t('选人'), fields: ['approver'], required: ['approver'] } };
    def.states.sign!.on = { approve: { target: 'second' } };
    def.states.second = {
      task: { assignee: { pick: 'initiator', field: 'approver', role: 'community-officer', scope: 'community' }, decisions: { approve: { title: t('同意') } } },
      on: { approve: { target: 'passed' } },
    };
    return loaded(def);
  }
  const c = compile(picking(), { cache: false });
  const s0 = start(c, { caseId: 'p', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, opts).snapshot;
  const task = Object.keys(s0.context.tasks)[0]!;
  const pick = (approver: string) => step(c, s0, act(task, 'approve', 'gw1', at + 1, { data: { approver } }), opts);
  it('refuses a picked user without the role in scope, with a coded error on the field', () => {
    const r = pick('tr1');
    expect(r.accepted).toBe(false);
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([['run.pick-not-allowed', '/data/approver']]);
    expect(r.snapshot).toBe(s0);
  });
  it('refuses an unknown user id', () => {
    expect(pick('nobody').diagnostics.map((d) => [d.code, d.path])).toEqual([['run.pick-unknown-user', '/data/approver']]);
  });
  it('assigns a picked user who holds the role in scope', () => {
    const r = pick('co2');
    expect(r.accepted).toBe(true);
    expect(Object.values(r.snapshot.context.tasks).map((x) => x.assignee)).toEqual(['co2']);
  });
});

function clocked(auto: string, requires?: string[]): Definition {
  const def = oneStep({ assignee: { user: 'co1' } });
  def.states.sign!.task!.decisions.approve!.requires = requires as never;
  def.states.sign!.task!.sla = { within: 'PT1H', clock: 'natural', onBreach: [{ auto }] };
  return def;
}

describe('breach auto-actions', () => {
  it('an auto event no state handles does not make simulate loop: the timer fires, the rest of the rung applies, with a warning', () => {
    const def = oneStep({ assignee: { user: 'co1' } });
    def.clocks = { overall: { within: 'PT2H', clock: 'natural', startOn: ['sign'], stopOn: ['passed', 'failed'], onBreach: [{ auto: 'expire', flag: 'late' }] } };
    const c = compile(def, { cache: false });
    const r = simulate(c, { case: { orgPath: grid, by: 'gw1', at: '2026-03-02T09:00:00+08:00' }, steps: [{ advance: 'P30D' }] }, opts, testDirectory);
    expect(r.records.length).toBe(2);
    expect(r.final.context.flags).toEqual(['late']);
    expect(r.records[1]!.accepted).toBe(true);
    expect(r.records[1]!.diagnostics.map((d) => d.code)).toEqual(['run.auto-not-taken']);
    expect(r.final.context.timers).toEqual({});
  });
  it('an auto decision whose decision requires a comment is not taken unless the rung gives one', () => {
    const def = clocked('approve', ['comment']);
    const c = compile(def, { cache: false });
    const s0 = start(c, { caseId: 'b', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const due = Object.entries(s0.context.timers).find(([, x]) => x.purpose === 'sla.due')!;
    const r = step(c, s0, { type: 'timer.fired', timerId: due[0], meta: { at: due[1].dueAt, id: 'f', source: 'system' } }, opts);
    expect(r.accepted).toBe(true);
    expect(r.snapshot.value).toBe('sign');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['run.auto-not-taken']);
    def.states.sign!.task!.sla!.onBreach = [{ auto: 'approve', autoComment: t('超时自动通过', 'Approved automatically on expiry') }];
    const c2 = compile(def, { cache: false });
    const s1 = start(c2, { caseId: 'b2', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const due2 = Object.entries(s1.context.timers).find(([, x]) => x.purpose === 'sla.due')!;
    const r2 = step(c2, s1, { type: 'timer.fired', timerId: due2[0], meta: { at: due2[1].dueAt, id: 'f', source: 'system' } }, opts);
    expect(r2.snapshot.value).toBe('passed');
    expect(r2.snapshot.context.trail.at(-1)).toMatchObject({ by: 'system', decision: 'approve' });
  });
});

describe('notify to a data field', () => {
  it('drops values that are not users (a phone number) with a warning, never treating them as user ids', () => {
    const def = oneStep({ assignee: { user: 'co1' } });
    def.data.properties = { ...(def.data.properties as object), contact: { type: 'string', 'x-pii': 'none' } };
    def.states.passed!.entry = [{ notify: { template: 'done', to: { field: 'contact' } } }];
    def.templates = { done: t('办结') };
    const c = compile(def, { cache: false });
    const s = start(c, { caseId: 'n', orgPath: grid, data: { contact: '13800001111' }, meta: { at, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const r = step(c, s, act(Object.keys(s.context.tasks)[0]!, 'approve', 'co1', at + 1), opts);
    const notify = r.effects.find((e) => e.kind === 'notify') as Extract<Effect, { kind: 'notify' }>;
    expect(notify.recipients).toEqual({ users: [] });
    expect(r.diagnostics.map((d) => [d.code, d.details?.value])).toEqual([['run.notify-unknown-user', '138****1111']]);
  });
});

describe('one audit record per event', () => {
  it('adapter.succeeded and task.transfer are each audited once', () => {
    const def = oneStep({ assignee: { user: 'co1' } });
    def.states.sign!.entry = [{ invoke: { operation: 'sms-gateway.send', input: { to: 'x' } } }];
    const c = compile(def, { cache: false });
    const s = start(c, { caseId: 'a', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const req = Object.keys(s.context.requests)[0]!;
    const answered = step(c, s, { type: 'adapter.succeeded', requestId: req, meta: { at: at + 1, id: 'a1', source: 'external' } } as CaseEvent, opts);
    expect(answered.effects.filter((e) => e.kind === 'audit' && e.action === 'adapter.succeeded')).toHaveLength(1);
    const moved = step(c, answered.snapshot, act(Object.keys(s.context.tasks)[0]!, 'transfer', 'co1', at + 2, { users: ['co2'] }), opts);
    expect(moved.accepted).toBe(true);
    expect(moved.effects.filter((e) => e.kind === 'audit').map((e) => (e as { action: string }).action)).toEqual(['task.transfer']);
  });
});

describe('the definition’s calendar', () => {
  it('counts working time on the calendar the definition names, and refuses a case when it is not available', () => {
    const def = oneStep({ assignee: { user: 'co1' }, sla: { within: 'PT1H', clock: 'working', warnAt: 0.5 } });
    def.calendar = 'late-office';
    const c = compile(def, { cache: false });
    const late = createWorkCalendar({ ...countyDefault, id: 'late-office', workingHours: [{ start: '10:00', end: '18:00' }] } as never, nationalYears as never);
    const withCal = { ...opts, calendars: { 'late-office': late } };
    const r = start(c, { caseId: 'c', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, withCal);
    // Monday 09:00 is before the 10:00 opening: one working hour ends at 11:00 (03:00Z)
    const due = Object.values(r.snapshot.context.timers).find((x) => x.purpose === 'sla.due')!;
    expect(new Date(due.dueAt).toISOString()).toBe('2026-03-02T03:00:00.000Z');
    const missing = start(c, { caseId: 'c2', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, opts);
    expect(missing.accepted).toBe(false);
    expect(missing.diagnostics.map((d) => d.code)).toEqual(['run.unknown-calendar']);
  });
});

describe('a guard refusal says which condition failed', () => {
  it('names the blocked transition’s description', () => {
    const def = oneStep({ assignee: { user: 'co1' } });
    def.states.sign!.on!.approve = { target: 'passed', guard: { '==': [{ var: 'data.note' }, 'ok'] }, description: t('备注须为 ok', 'the note must be ok') };
    const c = compile(def, { cache: false });
    const s = start(c, { caseId: 'd', orgPath: community, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const r = step(c, s, act(Object.keys(s.context.tasks)[0]!, 'approve', 'co1', at + 1), opts);
    expect(r.diagnostics[0]!.code).toBe('run.transition-blocked');
    expect(r.diagnostics[0]!.message['zh-CN']).toContain('备注须为 ok');
    expect(r.diagnostics[0]!.message.en).toContain('the note must be ok');
  });
});

describe('simulate', () => {
  it('prints no effects for a refused intake', () => {
    const def = oneStep({ assignee: { user: 'co1' } });
    def.forms = { intake: { title: t('受理'), fields: ['note'], required: ['note'] } };
    def.intake = { form: 'intake', roles: ['grid-worker'] };
    const r = simulate(compile(def, { cache: false }), { case: { orgPath: grid, by: 'gw1', at: '2026-03-02T09:00:00+08:00', data: {} }, steps: [] }, opts, testDirectory);
    expect(r.ok).toBe(false);
    expect(r.records[0]!.effects).toEqual([]);
    expect(r.records[0]!.diagnostics.map((d) => d.code)).toEqual(['forms.required']);
  });
});
