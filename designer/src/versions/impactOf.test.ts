import { describe, expect, it } from 'vitest';
import type { ImpactCase } from '../api/designerApi.ts';
import { impactKinds, mappingOf, mappingRows, stateText } from './impactOf.ts';

const base: ImpactCase = { caseId: 'a', ref: 'TB1', state: 'accept', replayedState: 'accept', changesState: false, tasks: { lost: [], gained: [] } };

describe('impact report reading', () => {
  it('names what the draft would do to a case', () => {
    expect(impactKinds(base)).toEqual(['unchanged']);
    expect(impactKinds({ ...base, changesState: true, replayedState: 'intake', tasks: { lost: ['accept'], gained: ['intake'] } })).toEqual(['state-changed', 'task-lost', 'task-gained']);
    expect(impactKinds({ ...base, stops: { index: 2, type: 'task.approve', diagnostics: [] } })).toEqual(['stops']);
  });

  it('shows nested and parallel states as their active leaves', () => {
    expect(stateText('accept')).toBe('accept');
    expect(stateText({ handling: { site: 'inspect', office: 'file' } })).toBe('inspect + file');
  });

  it('lists the old states of the chosen cases, the ones the draft lacks first, and sends only explicit choices', () => {
    const cases = [base, { ...base, caseId: 'b', state: 'review' }, { ...base, caseId: 'c', state: 'review' }, { ...base, caseId: 'd', state: 'gone' }];
    expect(mappingRows(cases, ['a', 'b', 'c'], new Set(['accept', 'intake']))).toEqual([
      { state: 'review', cases: 2, inDraft: false }, { state: 'accept', cases: 1, inDraft: true }]);
    expect(mappingOf({ review: 'intake', accept: undefined, other: '' })).toEqual({ states: { review: 'intake' } });
  });
});
