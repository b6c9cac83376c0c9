import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Definition } from '@tongban/engine';
import { auditSummary, stateLeaves } from './auditSummary.ts';

const gridIncident = JSON.parse(readFileSync(new URL('../../../definitions/service-items/grid-incident.json', import.meta.url), 'utf8')) as Definition;

describe('audit summary', () => {
  it('says a step by its decision and the states left and entered, in both languages', () => {
    expect(auditSummary(gridIncident, { from: 'township_review', to: 'escalated_county', decision: 'escalate', taskId: 't10' })).toEqual({
      'zh-CN': '提级至县：审核（是否属实、归属、紧急度）并分流 → 县综治中心协调派遣（主办+协办）',
      en: 'Escalate to the county: Review (true? whose? how urgent?) and triage → County centre dispatch (lead + assisting)',
    });
  });

  it('names only the branch that moved in a parallel state, and says when nothing moved', () => {
    const from = { handling: { lead: 'dispatched', assist: 'assist_idle' } };
    expect(stateLeaves(from)).toEqual(['handling.lead.dispatched', 'handling.assist.assist_idle']);
    expect(auditSummary(gridIncident, { from, to: { handling: { lead: 'signed', assist: 'assist_idle' } }, decision: 'sign' })?.['zh-CN'])
      .toBe('签收：签收工单 → 开始办理（签收后1个工作日内可退单）');
    expect(auditSummary(gridIncident, { from: 'verifying', to: 'verifying' })?.['zh-CN']).toBe('现场核查（由非处置人核查）（状态不变）');
  });

  it('has nothing to say of an entry that records no step, and keeps an unknown state or decision by its id', () => {
    expect(auditSummary(gridIncident, { caseId: 'x' })).toBeNull();
    expect(auditSummary(gridIncident, { to: 'township_review' })).toBeNull();
    expect(auditSummary(gridIncident, { from: 'gone', to: 'also_gone', decision: 'nope' })?.['zh-CN']).toBe('gone → also_gone');
  });
});
