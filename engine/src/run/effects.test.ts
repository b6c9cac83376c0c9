import { describe, expect, it } from 'vitest';
import { compile } from '../compile/compile.ts';
import { loadDefinition } from '../definition/load.ts';
import { oneStep } from '../testing/oneStep.ts';
import { start, step } from './step.ts';
import { act, actor, grid, testOptions } from '../testing/testkit.ts';

describe('effects', () => {
  it('adapter inputs may nest objects; leaves are expressions; notify can target a role at an org from the data', () => {
    const def = oneStep({ assignee: { user: 'co1' } });
    def.data.properties = { ...(def.data.properties as object), phone: { type: 'string', 'x-pii': 'phone' }, unit: { type: 'string', 'x-pii': 'none' } };
    def.states.sign!.on!.approve = {
      target: 'passed',
      effects: [
        { invoke: { operation: 'sms-gateway.send', input: { to: { var: 'data.phone' }, templateId: 'done', params: { caseId: { var: 'case.id' }, fixed: 'x' } } } },
        { notify: { template: 'done', to: { role: 'responsible-unit', field: 'unit' } } },
      ],
    };
    const loaded = loadDefinition(def);
    expect(loaded.diagnostics).toEqual([]);
    const c = compile(def, { cache: false });
    const s = start(c, { caseId: 'e1', orgPath: grid, data: { phone: '13800001111', unit: '/510722/510722100/510722100901' }, meta: { at: 1, id: 's', actor: actor('gw1') } }, testOptions()).snapshot;
    const r = step(c, s, act(Object.keys(s.context.tasks)[0]!, 'approve', 'co1', 2), testOptions());
    const invoke = r.effects.find((e) => e.kind === 'adapter.invoke');
    expect(invoke && 'input' in invoke && invoke.input).toEqual({ to: '13800001111', templateId: 'done', params: { caseId: 'e1', fixed: 'x' } });
    const notify = r.effects.find((e) => e.kind === 'notify');
    expect(notify && 'recipients' in notify && notify.recipients).toEqual({ role: 'responsible-unit', orgPath: '/510722/510722100/510722100901' });
  });

  it('an invoke that needs a separate consent carries the evaluated record id, purpose and person for the runtime to check', () => {
    const def = oneStep({ assignee: { user: 'co1' } });
    def.data.properties = { ...(def.data.properties as object), consentRef: { type: 'string', 'x-pii': 'none' }, idNumber: { type: 'string', 'x-pii': 'id-number' } };
    def.states.sign!.on!.approve = {
      target: 'passed',
      effects: [
        { invoke: { operation: 'fhir-referral.create-task', input: { caseId: { var: 'case.id' } }, consent: { ref: { var: 'data.consentRef' }, purpose: 'share-hospital', subject: { var: 'data.idNumber' } } } },
        { invoke: { operation: 'sms-gateway.send', input: { to: '13800001111' } } },
      ],
    };
    expect(loadDefinition(def).diagnostics).toEqual([]);
    const c = compile(def, { cache: false });
    const s = start(c, { caseId: 'e2', orgPath: grid, data: { consentRef: 'cs-1', idNumber: '510722194805013963' }, meta: { at: 1, id: 's', actor: actor('gw1') } }, testOptions()).snapshot;
    const r = step(c, s, act(Object.keys(s.context.tasks)[0]!, 'approve', 'co1', 2), testOptions());
    const [shared, sms] = r.effects.filter((e) => e.kind === 'adapter.invoke');
    expect(shared && 'consent' in shared && shared.consent).toEqual({ ref: 'cs-1', purpose: 'share-hospital', subject: '510722194805013963' });
    expect(sms && 'consent' in sms).toBe(false);
  });

  it('a consent declaration without a record id or purpose is refused by the schema', () => {
    const def = oneStep({ assignee: { user: 'co1' } });
    def.states.sign!.on!.approve = { target: 'passed', effects: [{ invoke: { operation: 'sms-gateway.send', consent: { purpose: 'share-provider' } } } as never] };
    expect(loadDefinition(def).diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });
});
