/**
 * A 100-state definition for the designer's benchmarks: 97 human steps in a chain (each with an
 * assignee, an SLA with a breach ladder, approve / reject-back decisions, a guarded transition and
 * a notice), a parallel stage with two regions, and the final states — the shape of a large item.
 */
import type { Definition, StateSpec } from '@tongban/engine';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';

export function hundredStates(): Definition {
  const base = fixtureDefinition();
  const states: Record<string, StateSpec> = {};
  const n = 94;
  for (let i = 0; i < n; i++) {
    const next = i === n - 1 ? 'stage' : `s${i + 1}`;
    states[`s${i}`] = {
      title: { 'zh-CN': `第${i + 1}步`, en: `Step ${i + 1}` },
      task: {
        assignee: { role: i % 2 ? 'community-officer' : 'grid-worker', scope: i % 2 ? 'community' : 'grid' }, mode: i % 3 === 0 ? 'all' : 'single',
        fields: { shopName: 'read', ownerId: 'masked', note: 'write' },
        sla: { within: 'P2D', clock: 'working', warnAt: 0.67, onBreach: [{ remind: { times: 2, every: 'PT4H', template: 'notice' } }, { after: 'P1D', escalate: { levels: 1, role: 'community-officer', template: 'notice' } }] },
        decisions: { approve: { title: { 'zh-CN': '通过', en: 'Approve' }, kind: 'approve' }, reject: { title: { 'zh-CN': '驳回', en: 'Reject' }, kind: 'reject', requires: ['comment'], to: 'initiator' } },
      },
      on: { approve: [{ target: next, guard: { '!=': [{ var: 'data.note' }, 'stop'] }, effects: [{ notify: { template: 'notice', channel: 'sms', to: { to: 'initiator' } } }] }, { target: 'closed' }] },
    };
  }
  const region = (k: number): StateSpec => ({
    title: { 'zh-CN': `分支${k}`, en: `Branch ${k}` }, initial: `p${k}`,
    states: {
      [`p${k}`]: { title: { 'zh-CN': `会办${k}`, en: `Joint ${k}` }, task: { assignee: { role: 'community-officer', scope: 'community' }, decisions: { approve: { title: { 'zh-CN': '通过', en: 'Approve' }, kind: 'approve' } } }, on: { approve: { target: `p${k}_done` } } },
      [`p${k}_done`]: { type: 'final' },
    },
  });
  states.stage = { title: { 'zh-CN': '会办', en: 'Joint handling' }, type: 'parallel', states: { r1: region(1), r2: region(2) }, onDone: { target: 'closed' } };
  states.closed = { title: { 'zh-CN': '已办结', en: 'Closed' }, type: 'final', outcome: 'done' };
  const def = { ...base, id: 'hundred', initial: 's0', states, templates: { notice: { 'zh-CN': '案件{{caseId}}请及时办理。', en: 'Please act on case {{caseId}}.' } } } as Definition;
  return def;
}
