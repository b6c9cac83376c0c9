/**
 * What the format can say since issue 12 §1, each construct run end to end: a task for the
 * initiator (a resident correcting an application), a countersign over several rules with one
 * deadline, reject-back to the initiator, a fallback role at a scope, transfer targets, escalation
 * that moves or adds the task, recurring schedules, a task clock from the data, cross-field rules,
 * nested field-matrix entries, and sub-case outcomes with the child's intake checked.
 */
import { describe, expect, it } from 'vitest';
import { compile, type CompiledDefinition } from '../compile/compile.ts';
import { loadDefinition } from '../definition/load.ts';
import type { Definition, StateSpec, TaskSpec } from '../definition/types.ts';
import { oneStep } from '../testing/oneStep.ts';
import { act, actor, community, grid, otherTownship, testOptions, township } from '../testing/testkit.ts';
import { checkRules } from './rules.ts';
import { start, step, type LiveSnapshot } from './step.ts';
import type { CaseEvent, Effect, RunOptions } from '../index.ts';

const t = (zh: string, en = zh) => ({ 'zh-CN': zh, en });
const at = Date.UTC(2026, 2, 2, 1); // Mon 2026-03-02 09:00 +08:00
const opts = testOptions();

function load(def: Definition): CompiledDefinition {
  const r = loadDefinition(def);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics.map((d) => [d.code, d.path])));
  return compile(r.definition, { cache: false });
}

const roles = Object.fromEntries(['community-officer', 'township-reviewer', 'grid-worker', 'unit-liaison', 'township-admin', 'county-dispatcher', 'resident'].map((r) => [r, { title: t(r) }]));

function flow(states: Record<string, StateSpec>, extra: Partial<Definition> = {}): Definition {
  return {
    id: 'reach', version: 1, schemaVersion: 1, title: t('测试'), category: 'test', roles,
    data: { type: 'object', properties: { note: { type: 'string', 'x-pii': 'none' } } },
    initial: Object.keys(states)[0]!, states: { ...states, done: { type: 'final', outcome: 'done' }, dropped: { type: 'final', outcome: 'dropped' } }, ...extra,
  };
}

const task = (spec: Partial<TaskSpec>): TaskSpec => ({ assignee: { role: 'community-officer', scope: 'community' }, decisions: { approve: { title: t('同意') } }, ...spec } as TaskSpec);
const holders = (s: LiveSnapshot) => Object.values(s.context.tasks).map((x) => x.assignee ?? x.candidates.join('|')).sort();
const only = (s: LiveSnapshot) => Object.values(s.context.tasks)[0]!;
let n = 0;
const fire = (c: CompiledDefinition, s: LiveSnapshot, timerId: string, when: number, o: RunOptions = opts) =>
  step(c, s, { type: 'timer.fired', timerId, meta: { at: when, id: `f${++n}`, source: 'system' } }, o);
const timersOf = (s: LiveSnapshot, purpose: string) => Object.entries(s.context.timers).filter(([, x]) => x.purpose === purpose).sort((a, b) => a[1].dueAt - b[1].dueAt);

describe('a task for the initiator, and reject-back to the initiator', () => {
  const def = flow({
    review: { task: task({ decisions: { approve: { title: t('同意') }, reject: { title: t('退回申请人补正'), to: 'initiator', requires: ['comment'] } } }), on: { approve: { target: 'confirm' } } },
    correct: { task: task({ assignee: { initiator: true }, decisions: { resubmit: { title: t('补正后提交'), kind: 'approve' }, withdraw_application: { title: t('撤回申请'), kind: 'other' } } }), on: { resubmit: { target: 'review' }, withdraw_application: { target: 'dropped' } } },
    confirm: { task: task({ assignee: { initiator: true }, decisions: { confirm: { title: t('确认结果'), kind: 'approve' } } }), on: { confirm: { target: 'done' } } },
  });
  const c = load(def);
  it('a resident who started the case gets the correction task, resubmits, and confirms the result', () => {
    let s = start(c, { caseId: 'i', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('res1') } }, opts).snapshot;
    s = step(c, s, act(only(s).id, 'reject', 'co1', at + 1, { comment: '缺少证明材料' }), opts).snapshot;
    expect(s.value).toBe('correct');
    expect(holders(s)).toEqual(['res1']);
    s = step(c, s, act(only(s).id, 'resubmit', 'res1', at + 2), opts).snapshot;
    expect(s.value).toBe('review');
    s = step(c, s, act(only(s).id, 'approve', 'co1', at + 3), opts).snapshot;
    expect(holders(s)).toEqual(['res1']);
    const r = step(c, s, act(only(s).id, 'confirm', 'res1', at + 4), opts);
    expect(r.snapshot.value).toBe('done');
  });
  it('a case opened by a device has no initiator to assign: the empty-assignee policy applies', () => {
    let s = start(c, { caseId: 'd', orgPath: grid, data: {}, meta: { at, id: 's', source: 'device' } }, opts).snapshot;
    s = step(c, s, act(only(s).id, 'approve', 'co1', at + 1), opts).snapshot;
    expect(holders(s)).toEqual(['ca1']);
    expect(only(s).group).toEqual({ role: 'county-admin', orgPath: '/510722' });
  });
});

describe('one countersign over several assignment rules, with one deadline', () => {
  const def = flow({
    sign: {
      task: task({
        mode: 'all', assignee: [{ role: 'community-officer', scope: 'community' }, { role: 'unit-liaison', scope: 'township' }],
        sla: { within: 'PT4H', clock: 'working', warnAt: 0.5, onBreach: [{ remind: { times: 1, every: 'PT1H', template: 'late' } }] },
      }),
      on: { approve: { target: 'done' } },
    },
  }, { templates: { late: t('超时') } });
  const c = load(def);
  it('creates one task per signer, each in the queue of the group its rule named, all due at the same time', () => {
    const r = start(c, { caseId: 'u', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, opts);
    const created = r.effects.filter((e): e is Extract<Effect, { kind: 'task.create' }> => e.kind === 'task.create');
    expect(created.map((e) => [e.assignment.assignee, e.assignment.group?.role, e.dueAt])).toEqual([
      ['co1', 'community-officer', Date.UTC(2026, 2, 2, 7)], ['co2', 'community-officer', Date.UTC(2026, 2, 2, 7)], ['co3', 'community-officer', Date.UTC(2026, 2, 2, 7)],
      ['li1', 'unit-liaison', Date.UTC(2026, 2, 2, 7)],
    ]);
    expect(r.effects.filter((e) => e.kind === 'timer.start')).toHaveLength(2);
    let s = r.snapshot;
    for (const u of ['co1', 'co2', 'co3']) s = step(c, s, act(Object.values(s.context.tasks).find((x) => x.assignee === u)!.id, 'approve', u, at + 5), opts).snapshot;
    expect(s.value).toBe('sign');
    s = step(c, s, act(only(s).id, 'approve', 'li1', at + 6), opts).snapshot;
    expect(s.value).toBe('done');
  });
});

describe('an empty assignment falls back to a role at a scope', () => {
  it('goes to the township admin when the case’s community has no officer', () => {
    const def = flow({ review: { task: task({ assignee: { role: 'grid-worker', scope: 'community' }, onEmpty: { fallback: { role: 'township-admin', scope: 'township' } } }), on: { approve: { target: 'done' } } } });
    const r = start(load(def), { caseId: 'e', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, opts);
    expect(holders(r.snapshot)).toEqual(['ta1']);
    const created = r.effects.find((e) => e.kind === 'task.create') as Extract<Effect, { kind: 'task.create' }>;
    expect(created.assignment.group).toEqual({ role: 'township-admin', orgPath: township });
    expect(created.assignment.why.map((w) => w.en).join(' / ')).toContain('fallback rule');
  });
});

describe('transfer (转办) targets are constrained by the step', () => {
  const base = oneStep({ assignee: { role: 'township-reviewer', scope: 'township' } });
  it('by default: staff with the step’s role, inside the org the task was assigned at', () => {
    const c = load(base);
    const s = start(c, { caseId: 't', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const taskId = Object.values(s.context.tasks).find((x) => x.candidates.includes('tr1'))!.id;
    const claim = step(c, s, act(taskId, 'claim', 'tr1', at + 1), opts).snapshot;
    const outside = step(c, claim, act(taskId, 'transfer', 'tr1', at + 2, { users: ['tr9'] }), opts);
    expect(outside.diagnostics.map((d) => [d.code, d.path])).toEqual([['run.target-not-allowed', '/users/0']]);
    expect(step(c, claim, act(taskId, 'transfer', 'tr1', at + 2, { users: ['res1'] }), opts).diagnostics[0]!.code).toBe('run.target-not-allowed');
    expect(step(c, claim, act(taskId, 'transfer', 'tr1', at + 2, { users: ['tr2'] }), opts).accepted).toBe(true);
  });
  it('by default also the roles the step’s decisions name (a liaison who may decide may be handed the task)', () => {
    const def = oneStep({ assignee: { role: 'township-reviewer', scope: 'township' }, decisions: { approve: { title: { 'zh-CN': '同意', en: 'Approve' } }, refer: { title: { 'zh-CN': '转联络员', en: 'Refer' }, kind: 'other', roles: ['township-reviewer', 'unit-liaison'] } } });
    def.roles['unit-liaison'] = { title: { 'zh-CN': '联络员', en: 'Liaison' } };
    const c = load(def);
    let s = start(c, { caseId: 't3', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const taskId = only(s).id;
    s = step(c, s, act(taskId, 'claim', 'tr1', at + 1), opts).snapshot;
    expect(step(c, s, act(taskId, 'transfer', 'tr1', at + 2, { users: ['li1'] }), opts).accepted).toBe(true);
    expect(step(c, s, act(taskId, 'transfer', 'tr1', at + 2, { users: ['ta1'] }), opts).diagnostics[0]!.code).toBe('run.target-not-allowed');
  });
  it('as declared: other roles, and a wider scope', () => {
    const def = oneStep({ assignee: { role: 'township-reviewer', scope: 'township' }, targets: { roles: ['township-reviewer', 'county-dispatcher'], scope: 'county' } });
    const c = load(def);
    let s = start(c, { caseId: 't2', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const taskId = only(s).id;
    s = step(c, s, act(taskId, 'claim', 'tr1', at + 1), opts).snapshot;
    expect(step(c, s, act(taskId, 'transfer', 'tr1', at + 2, { users: ['cd1'] }), opts).accepted).toBe(true);
    expect(step(c, s, act(taskId, 'transfer', 'tr1', at + 2, { users: ['tr9'] }), opts).accepted).toBe(true);
    expect(step(c, s, act(taskId, 'delegate', 'tr1', at + 2, { users: ['co1'] }), opts).diagnostics[0]!.code).toBe('run.target-not-allowed');
  });
});

describe('escalation that moves or adds the task up the org tree', () => {
  const escalating = (mode: 'move' | 'add') => load(flow({
    review: { task: task({ sla: { within: 'PT1H', clock: 'natural', onBreach: [{ escalate: { levels: 1, role: 'township-reviewer', task: mode } }] } }), on: { approve: { target: 'done' } } },
  }));
  it('move: the community officer’s task is cancelled and the township reviewers get it', () => {
    const c = escalating('move');
    let s = start(c, { caseId: 'm', orgPath: community, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const [due] = timersOf(s, 'sla.due');
    const r = fire(c, s, due![0], due![1].dueAt);
    s = r.snapshot;
    expect(holders(s)).toEqual(['tr1|tr2']);
    expect(r.effects.filter((e) => e.kind === 'task.cancel').map((e) => (e as { reason: string }).reason)).toEqual(['escalated']);
    expect(s.context.escalation).toBe(1);
    s = step(c, s, act(only(s).id, 'approve', 'tr2', due![1].dueAt + 1), opts).snapshot;
    expect(s.value).toBe('done');
  });
  it('add: the officer keeps the task and the township reviewers get one beside it; either decides', () => {
    const c = escalating('add');
    let s = start(c, { caseId: 'a', orgPath: community, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const [due] = timersOf(s, 'sla.due');
    s = fire(c, s, due![0], due![1].dueAt).snapshot;
    expect(holders(s)).toEqual(['co1|co2|co3', 'tr1|tr2']);
    s = step(c, s, act(Object.values(s.context.tasks).find((x) => x.candidates.includes('tr1'))!.id, 'approve', 'tr1', due![1].dueAt + 1), opts).snapshot;
    expect(s.value).toBe('done');
  });
});

describe('recurring schedules count from a fixed anchor', () => {
  it('every 7 natural days from enrolment: a late firing does not shift the next one', () => {
    const def = flow({ enrolled: { on: { 'visit.due': { set: { note: 'visited' } }, leave: { target: 'done', roles: ['grid-worker'] } } } },
      { schedules: { visit: { event: 'visit.due', startOn: ['enrolled'], stopOn: ['done'], anchor: { var: 'data.enrolledAt' }, every: 'P7D', clock: 'natural' } } });
    def.data.properties = { ...(def.data.properties as object), enrolledAt: { type: 'string', format: 'date', 'x-pii': 'none' } };
    const c = load(def);
    let s = start(c, { caseId: 's', orgPath: grid, data: { enrolledAt: '2026-03-01' }, meta: { at, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const anchor = Date.UTC(2026, 1, 28, 16); // 2026-03-01 00:00 +08:00
    const [first] = timersOf(s, 'schedule');
    expect(first![1].dueAt).toBe(anchor + 7 * 86_400_000);
    // fired a day late (the server was down): the next occurrence is still anchor + 14 days
    const r = fire(c, s, first![0], first![1].dueAt + 86_400_000);
    s = r.snapshot;
    expect(s.context.data.note).toBe('visited');
    expect(timersOf(s, 'schedule').map(([, x]) => x.dueAt)).toEqual([anchor + 14 * 86_400_000]);
    const stopped = step(c, s, { type: 'leave', meta: { at: at + 1, id: 'l', actor: actor('gw1') } } as CaseEvent, opts);
    expect(stopped.snapshot.context.timers).toEqual({});
  });
  it('the first working day of each month on the county calendar (after New Year and National Day)', () => {
    const def = flow({ active: { on: { 'report.due': {}, close: { target: 'done', roles: ['grid-worker'] } } } },
      { schedules: { report: { event: 'report.due', startOn: ['active'], stopOn: ['done'], monthly: { workingDay: 1 } } } });
    const c = load(def);
    let s = start(c, { caseId: 'r', orgPath: grid, data: {}, meta: { at: Date.UTC(2025, 11, 15, 1), id: 's', actor: actor('gw1') } }, opts).snapshot;
    const seen: string[] = [];
    for (let i = 0; i < 11; i++) {
      const [next] = timersOf(s, 'schedule');
      seen.push(new Date(next![1].dueAt + 8 * 3_600_000).toISOString().slice(0, 16));
      s = fire(c, s, next![0], next![1].dueAt).snapshot;
    }
    // 2026-01-04 is a Sunday make-up workday (调休) after the New Year holiday; 2026-10-01..07 is National Day
    expect(seen[0]).toBe('2026-01-04T08:30');
    expect(seen[1]).toBe('2026-02-02T08:30');
    expect(seen[9]).toBe('2026-10-08T08:30');
  });
});

describe('a task’s clock chosen from the case data', () => {
  it('urgent cases’ tasks count on the urgent (24×7) clock, others on working hours', () => {
    const def = flow({ review: { task: task({ sla: { within: 'PT2H', clock: 'working', clockFrom: { if: [{ '==': [{ var: 'data.note' }, 'urgent'] }, 'urgent', 'working'] }, warnAt: 0.5 } }), on: { approve: { target: 'done' } } } });
    const c = load(def);
    const friday = Date.UTC(2026, 2, 6, 9); // Fri 17:00 +08:00
    const due = (note: string) => Object.values(start(c, { caseId: note, orgPath: community, data: { note }, meta: { at: friday, id: 's', actor: actor('gw1') } }, opts).snapshot.context.timers).find((x) => x.purpose === 'sla.due')!;
    expect(due('urgent')).toMatchObject({ clock: 'urgent', dueAt: friday + 2 * 3_600_000 });
    expect(due('normal').clock).toBe('working');
    expect(new Date(due('normal').dueAt).toISOString()).toBe('2026-03-09T02:00:00.000Z'); // Mon 10:00: 30 min on Friday + 90 on Monday
  });
});

describe('an org field naming several units (主办 + 协办)', () => {
  it('gives every user of every named unit a countersign task, each in the queue of their own unit', () => {
    const def = flow({ assist: { task: task({ assignee: { orgField: 'data.units', role: 'township-reviewer' }, mode: 'all' }), on: { approve: { target: 'done' } } } });
    def.data.properties = { ...(def.data.properties as object), units: { type: 'array', items: { type: 'string' }, 'x-pii': 'none' } };
    const c = load(def);
    let s = start(c, { caseId: 'a', orgPath: community, data: { units: [township, otherTownship, township] }, meta: { at, id: 's', actor: actor('co1') } }, opts).snapshot;
    expect(holders(s)).toEqual(['tr1', 'tr2', 'tr9']);
    expect(Object.values(s.context.tasks).find((x) => x.assignee === 'tr9')?.group).toEqual({ role: 'township-reviewer', orgPath: otherTownship });
    for (const [i, who] of ['tr1', 'tr2'].entries()) s = step(c, s, act(Object.values(s.context.tasks).find((x) => x.assignee === who)!.id, 'approve', who, at + i + 1), opts).snapshot;
    expect(s.value).toBe('assist');
    s = step(c, s, act(Object.values(s.context.tasks).find((x) => x.assignee === 'tr9')!.id, 'approve', 'tr9', at + 5), opts).snapshot;
    expect(s.value).toBe('done');
  });
});

describe('督办 copied to the head of the unit the data names (supervise.cc)', () => {
  it('sends the supervision notice up the tree and a copy to the role at the named unit, and records both', () => {
    const def = flow({ review: { task: task({ sla: { within: 'PT1H', clock: 'natural', onBreach: [{ supervise: { role: 'county-dispatcher', levels: 3, template: 'sup', cc: { role: 'unit-liaison', orgField: 'data.note', template: 'cc' } } }] } }), on: { approve: { target: 'done' } } } },
      { templates: { sup: t('督办'), cc: t('督办抄送') } });
    const c = load(def);
    const s = start(c, { caseId: 'u', orgPath: grid, data: { note: township }, meta: { at, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const [timerId] = timersOf(s, 'sla.due')[0]!;
    const r = fire(c, s, timerId, at + 3_600_000);
    const notices = r.effects.filter((e) => e.kind === 'notify') as Array<Extract<Effect, { kind: 'notify' }>>;
    expect(notices.map((e) => [e.template, e.recipients])).toEqual([['sup', { role: 'county-dispatcher', orgPath: '/510722' }], ['cc', { role: 'unit-liaison', orgPath: township }]]);
    expect(r.effects.find((e) => e.kind === 'audit' && e.action === 'sla.supervised')).toMatchObject({ detail: { cc: township } });
    const s2 = start(c, { caseId: 'v', orgPath: grid, data: {}, meta: { at, id: 's2', actor: actor('gw1') } }, opts).snapshot;
    const without = fire(c, s2, timersOf(s2, 'sla.due')[0]![0], at + 3_600_000);
    expect(without.accepted).toBe(true);
    expect(without.effects.filter((e) => e.kind === 'notify')).toHaveLength(1); // no unit named: no copy
  });
});

describe('an outside deadline that wins when it is shorter (dueBy)', () => {
  it('caps the deadline at the hotline’s own time when that is earlier, and never moves it later', () => {
    const def = flow({ review: { task: task({ sla: { within: 'P3D', clock: 'working', dueBy: { var: 'data.note' }, warnAt: 0.5 } }), on: { approve: { target: 'done' } } } });
    const c = load(def);
    const monday = Date.UTC(2026, 2, 9, 1); // Mon 09:00 +08:00
    const timers = (note?: string) => Object.values(start(c, { caseId: 'h', orgPath: community, data: note === undefined ? {} : { note }, meta: { at: monday, id: 's', actor: actor('gw1') } }, opts).snapshot.context.timers);
    const due = (note?: string) => timers(note).find((x) => x.purpose === 'sla.due')!.dueAt;
    const threeWorkingDays = due();
    expect(due('2026-03-09T13:00:00+08:00')).toBe(monday + 4 * 3_600_000);
    expect(timers('2026-03-09T13:00:00+08:00').find((x) => x.purpose === 'sla.warn')!.dueAt).toBeLessThan(monday + 4 * 3_600_000);
    expect(due('2026-04-30T18:00:00+08:00')).toBe(threeWorkingDays);
    expect(due('not a date')).toBe(threeWorkingDays);
    expect(due('2026-03-01T09:00:00+08:00')).toBe(monday); // already past: due at once
  });
});

describe('cross-field rules on forms and data', () => {
  const def = oneStep({ assignee: { user: 'co1' }, form: 'apply' });
  def.data.properties = {
    ...(def.data.properties as object),
    startDate: { type: 'string', format: 'date', 'x-pii': 'none' }, endDate: { type: 'string', format: 'date', 'x-pii': 'none' },
    amount: { type: 'number', 'x-pii': 'none' }, cap: { type: 'number', 'x-pii': 'none' },
  };
  def.forms = { apply: { title: t('申请'), fields: ['startDate', 'endDate', 'amount'], rules: [{ check: { '>': [{ var: 'data.endDate' }, { var: 'data.startDate' }] }, message: t('结束日期须晚于开始日期', 'The end date must be after the start date'), fields: ['endDate', 'startDate'] }] } };
  def.rules = [{ check: { '<=': [{ var: 'data.amount' }, { var: 'data.cap' }] }, message: t('金额不能超过上限', 'The amount cannot exceed the cap'), fields: ['amount', 'cap'] }];
  const c = load(def);
  const s = start(c, { caseId: 'r', orgPath: grid, data: { cap: 1000 }, meta: { at, id: 's', actor: actor('gw1') } }, opts).snapshot;
  const submit = (data: Record<string, unknown>) => step(c, s, act(only(s).id, 'approve', 'co1', at + 1, { data }), opts);
  it('refuses data that breaks a rule, with the rule’s own message on its first field', () => {
    const r = submit({ startDate: '2026-03-10', endDate: '2026-03-09', amount: 10 });
    expect(r.diagnostics.map((d) => [d.code, d.path, d.message['zh-CN'], d.message.en])).toEqual([['forms.rule', '/data/endDate', '结束日期须晚于开始日期', 'The end date must be after the start date']]);
    expect(submit({ startDate: '2026-03-10', endDate: '2026-03-12', amount: 2000 }).diagnostics.map((d) => [d.code, d.path])).toEqual([['forms.rule', '/data/amount']]);
    expect(submit({ startDate: '2026-03-10', endDate: '2026-03-12', amount: 800 }).accepted).toBe(true);
  });
  it('gives a form UI the same check before submitting (checkRules), skipping rules whose fields are not filled in yet', () => {
    expect(checkRules(c, 'apply', { startDate: '2026-03-10', endDate: '2026-03-01', cap: 5 }).map((d) => d.path)).toEqual(['/data/endDate']);
    expect(checkRules(c, 'apply', { startDate: '2026-03-10' })).toEqual([]);
  });
});

describe('field-matrix entries for nested paths', () => {
  const def = oneStep({ assignee: { user: 'co1' }, fields: { parties: 'write', 'parties[].idNumber': 'read', 'parties[].phone': 'required' } });
  def.data.properties = {
    ...(def.data.properties as object),
    parties: { type: 'array', 'x-pii': 'name', items: { type: 'object', properties: { name: { type: 'string', 'x-pii': 'name' }, phone: { type: 'string', 'x-pii': 'phone' }, idNumber: { type: 'string', 'x-pii': 'id-number' } } } },
  };
  const c = load(def);
  const parties = [{ name: '张三', idNumber: '510722198001011234' }];
  const s = start(c, { caseId: 'n', orgPath: grid, data: { parties }, meta: { at, id: 's', actor: actor('gw1') } }, opts).snapshot;
  const write = (p: unknown, action = 'approve') => step(c, s, act(only(s).id, action, 'co1', at + 1, { data: { parties: p } }), opts);
  it('lets a step write a nested phone but not a nested ID number (changed or added), and requires the phone of every party', () => {
    expect(write([{ name: '张三', idNumber: '510722198001019999', phone: '13800001111' }]).diagnostics.map((d) => [d.code, d.path])).toEqual([['run.field-not-writable', '/data/parties/0/idNumber']]);
    expect(write([...parties.map((x) => ({ ...x, phone: '13800001111' })), { name: '李四', idNumber: '1', phone: '13800002222' }]).diagnostics.map((d) => d.path)).toEqual(['/data/parties/1/idNumber']);
    expect(write([{ name: '张三', idNumber: '510722198001011234' }]).diagnostics.map((d) => [d.code, d.path])).toEqual([['run.field-required', '/data/parties/0/phone']]);
    expect(write([{ name: '张三', idNumber: '510722198001011234', phone: '13800001111' }]).accepted).toBe(true);
  });
  it('puts the nested entries on the task, for the UI and the runtime to show, hide and mask', () => {
    const created = start(c, { caseId: 'n2', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, opts).effects.find((e) => e.kind === 'task.create') as Extract<Effect, { kind: 'task.create' }>;
    expect(created.fields).toEqual({ parties: 'write', 'parties[].idNumber': 'read', 'parties[].phone': 'required' });
  });
});

describe('sub-case outcomes, and the child’s intake', () => {
  const child = oneStep({ assignee: { user: 'co1' } });
  child.id = 'child';
  child.data.properties = { ...(child.data.properties as object), kind: { type: 'string', 'x-pii': 'none' } };
  child.forms = { open: { title: t('受理'), fields: ['kind', 'note'], required: ['kind'] } };
  child.intake = { form: 'open', roles: ['grid-worker'] };
  const parent = (input: Record<string, unknown>) => load(flow({
    wait: { subcase: { definition: 'child', input, onDone: { passed: { target: 'done' }, '*': { target: 'dropped' } } } },
  }));
  const withChild: RunOptions = { ...opts, childDefinition: (id) => (id === 'child' ? load(child) : undefined) };
  it('routes the parent per outcome (`*` for any other)', () => {
    const c = parent({ kind: 'visit' });
    const s = start(c, { caseId: 'p', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, withChild).snapshot;
    const childId = Object.keys(s.context.subcases)[0]!;
    const done = (outcome: string) => step(c, s, { type: 'subcase.completed', childId, outcome, meta: { at: at + 1, id: 'c', source: 'system' } }, withChild).snapshot.value;
    expect(done('passed')).toBe('done');
    expect(done('failed')).toBe('dropped');
  });
  it('refuses to move on when the child’s intake would refuse what the parent sends', () => {
    const c = parent({ note: 'x' });
    const r = start(c, { caseId: 'p2', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, withChild);
    expect(r.accepted).toBe(false);
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([['run.spawn-intake-invalid', '/states/wait/subcase']]);
    expect(r.diagnostics[0]!.message.en).toContain('/data/kind forms.required');
  });
});
