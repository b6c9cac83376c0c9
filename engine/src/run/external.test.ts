import { describe, expect, it } from 'vitest';
import { compile } from '../compile/compile.ts';
import type { Definition } from '../definition/types.ts';
import { oneStep } from '../testing/oneStep.ts';
import { checkIntake } from './formCheck.ts';
import { start, step } from './step.ts';
import { actor, grid, testOptions } from '../testing/testkit.ts';

function withDeviceEvent(): Definition {
  const def = oneStep({ assignee: { user: 'co1' } });
  def.data.properties = { ...(def.data.properties as object), phone: { type: 'string', format: 'cn-mobile', 'x-pii': 'phone' }, seenAt: { type: 'string', format: 'date-time', 'x-notFuture': true, 'x-pii': 'none' } };
  def.states.sign!.on!['device.reading'] = { roles: ['device'] };
  def.forms = { report: { title: { 'zh-CN': '上报', en: 'Report' }, fields: ['phone'], required: ['phone'] } };
  def.intake = { form: 'report', roles: ['grid-worker'] };
  def.adapters = { triggers: ['mqtt-devices.alarm'] };
  return def;
}

describe('plain events and case creation are checked like forms', () => {
  const c = compile(withDeviceEvent(), { cache: false });
  const at = Date.UTC(2026, 2, 2, 1);
  const s = start(c, { caseId: 'x', orgPath: grid, data: {}, meta: { at, id: 's', actor: actor('gw1') } }, testOptions()).snapshot;
  it('refuses event data that breaks a field rule, and who may not send the event', () => {
    const bad = step(c, s, { type: 'device.reading', data: { phone: '12345', seenAt: '2030-01-01T00:00:00+08:00' }, meta: { at, id: 'd1', source: 'device' } }, testOptions());
    expect(bad.diagnostics.map((d) => [d.code, d.path])).toEqual([['forms.cn-mobile', '/data/phone'], ['forms.not-future', '/data/seenAt']]);
    const byUser = step(c, s, { type: 'device.reading', data: { phone: '13800001111' }, meta: { at, id: 'd2', actor: actor('co1') } }, testOptions());
    expect(byUser.diagnostics[0]!.code).toBe('run.role-not-allowed');
    const ok = step(c, s, { type: 'device.reading', data: { phone: '13800001111' }, meta: { at, id: 'd3', source: 'device' } }, testOptions());
    expect(ok.accepted).toBe(true);
    expect(ok.snapshot.context.data.phone).toBe('13800001111');
  });
  it('checkIntake: the intake roles, the form rules, and a declared trigger without a user', () => {
    expect(checkIntake(c, { phone: '13800001111' }, { at, id: 'i', actor: actor('gw1') })).toEqual([]);
    expect(checkIntake(c, { phone: '13800001111' }, { at, id: 'i', actor: actor('co1') })[0]!.code).toBe('run.role-not-allowed');
    expect(checkIntake(c, {}, { at, id: 'i', actor: actor('gw1') }).map((d) => d.code)).toEqual(['forms.required']);
    expect(checkIntake(c, { phone: '13800001111' }, { at, id: 'i', source: 'device' })).toEqual([]);
    expect(checkIntake(c, { nope: 1 }, { at, id: 'i', source: 'device' })[0]!.code).toBe('run.unknown-field');
    // a person fills the intake form only; a declared trigger maps its own payload into any data field
    expect(checkIntake(c, { phone: '13800001111', note: 'x' }, { at, id: 'i', actor: actor('gw1') }).map((d) => [d.code, d.path])).toEqual([['run.field-not-writable', '/data/note']]);
    expect(checkIntake(c, { phone: '13800001111', note: 'x' }, { at, id: 'i', source: 'device' })).toEqual([]);
  });
  it('starts a case with the data schema defaults for fields the intake did not send', () => {
    const def = withDeviceEvent();
    (def.data.properties as Record<string, object>).returnCount = { type: 'integer', default: 0, 'x-pii': 'none' };
    const d = compile(def, { cache: false });
    const r = start(d, { caseId: 'y', orgPath: grid, data: { phone: '13800001111' }, meta: { at, id: 's', actor: actor('gw1') } }, testOptions());
    expect(r.snapshot.context.data).toEqual({ phone: '13800001111', returnCount: 0 });
  });
});
