import { describe, expect, it } from 'vitest';
import { channelLines } from './channelLines.ts';
import { oneStep } from '../testing/oneStep.ts';

describe('channelLines', () => {
  it('lists the people and trigger channels, consents checked at intake and before calls, and per-resident counts', () => {
    const def = oneStep({ assignee: { user: 'co1' } });
    def.adapters = { invokes: ['fhir-referral.create-task'], triggers: ['fhir-referral.task-updated'] };
    def.data.properties = { ...(def.data.properties as object),
      consentRef: { type: 'string', 'x-pii': 'none', 'x-consent': { purpose: 'share-hospital', subject: 'idNumber' } },
      falls: { type: 'integer', 'x-pii': 'none', 'x-count': { key: 'elder.residentId', within: 'P90D' } } };
    def.states.sign!.on!.approve = { target: 'passed', effects: [{ invoke: { operation: 'fhir-referral.create-task', consent: { ref: { var: 'data.consentRef' }, purpose: 'share-hospital' } } }] };
    const text = channelLines(def).join('\n');
    expect(text).toContain('经触发器 `fhir-referral.task-updated` 开案');
    expect(text).toContain('建案时核验：`consentRef`（share-hospital，本人 `idNumber`）');
    expect(text).toContain('调用前核验：`fhir-referral.create-task`（share-hospital）');
    expect(text).toContain('`falls`（按 `elder.residentId`，P90D 内');
  });

  it('says nothing about consents or counts for an item without them', () => {
    const text = channelLines(oneStep({ assignee: { user: 'co1' } })).join('\n');
    expect(text).not.toContain('单独同意');
    expect(text).not.toContain('Counts per resident');
  });
});
