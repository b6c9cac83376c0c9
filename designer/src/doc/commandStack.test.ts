import { describe, expect, it } from 'vitest';
import { CommandStack } from './commandStack.ts';
import { addState, connect, pasteStates, removeStates, removeTransition, renameState, setValue } from './commands.ts';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';
import { indexStates } from './stateIndex.ts';

describe('CommandStack', () => {
  it('undoes and redoes every command exactly, and a new command clears redo', () => {
    const base = fixtureDefinition();
    const s = new CommandStack(base);
    s.execute(addState('verify', { title: { 'zh-CN': '核查', en: 'Verify' } }, { from: 'review', event: 'approve2' }));
    const afterAdd = s.doc;
    expect(Object.keys(s.doc.states)).toContain('verify');
    expect(s.doc.states.review!.on!.approve2).toEqual({ target: 'verify' });
    s.execute(renameState('verify', 'check'));
    expect(s.doc.states.review!.on!.approve2).toEqual({ target: 'check' });
    expect(s.undo()).toBe(true);
    expect(s.doc).toBe(afterAdd);
    expect(s.undo()).toBe(true);
    expect(s.doc).toBe(base);
    expect(s.undo()).toBe(false);
    expect(s.redo()).toBe(true);
    expect(s.doc).toBe(afterAdd);
    s.execute(setValue('/title/zh-CN', '新名称'));
    expect(s.canRedo).toBe(false);
  });

  it('merges edits of one field typed in quick succession into one undo entry, and not after the window', () => {
    let now = 0;
    const s = new CommandStack(fixtureDefinition(), { now: () => now, mergeWindowMs: 1000 });
    for (const v of ['门', '门前', '门前三包']) { now += 100; s.execute(setValue('/title/zh-CN', v)); }
    expect(s.doc.title['zh-CN']).toBe('门前三包');
    s.undo();
    expect(s.doc.title['zh-CN']).toBe('门前三包巡查');
    s.redo();
    now += 5000;
    s.execute(setValue('/title/zh-CN', '另一个'));
    s.undo();
    expect(s.doc.title['zh-CN']).toBe('门前三包');
  });

  it('a command that changes nothing leaves no history', () => {
    const s = new CommandStack(fixtureDefinition());
    expect(s.execute(setValue('/title/zh-CN', '门前三包巡查'))).toBe(false);
    expect(s.canUndo).toBe(false);
  });
});

describe('edit commands', () => {
  it('delete removes the state, its children and every transition into it; the initial moves', () => {
    const def = fixtureDefinition();
    const next = removeStates(['review']).apply(def);
    expect(next.states.review).toBeUndefined();
    expect(next.initial).toBe('closed');
    const d2 = connect('review', 'approve', 'review').apply(def); // a list now
    const d3 = removeStates(['closed']).apply(d2);
    expect(indexStates(d3).transitions.filter((t) => t.target === 'closed')).toEqual([]);
    expect(d3.states.review!.on!.approve).toEqual({ target: 'review' });
  });

  it('connect twice makes a list; removing one collapses it back', () => {
    const d = connect('review', 'approve', 'review', { guard: { '==': [1, 1] } }).apply(fixtureDefinition());
    expect(Array.isArray(d.states.review!.on!.approve)).toBe(true);
    const back = removeTransition('/states/review/on/approve/1').apply(d);
    expect(back.states.review!.on!.approve).toEqual({ target: 'closed' });
    const none = removeTransition('/states/review/on/approve').apply(back);
    expect(none.states.review!.on).toBeUndefined();
  });

  it('paste gives fresh ids and retargets transitions inside the copied set', () => {
    const def = fixtureDefinition();
    const next = pasteStates({ review: def.states.review!, closed: def.states.closed! }).apply(def);
    expect(next.states.review_copy!.on!.approve).toEqual({ target: 'closed_copy' });
    expect(next.states.closed_copy!.type).toBe('final');
  });

  it('rename updates reject-back targets, initial and pauseIn', () => {
    const def = fixtureDefinition();
    def.states.review!.task!.sla!.pauseIn = ['review'];
    def.states.review!.task!.decisions.reject!.to = 'review';
    const next = renameState('review', 'check').apply(def);
    expect(next.initial).toBe('check');
    expect(next.states.check!.task!.sla!.pauseIn).toEqual(['check']);
    expect(next.states.check!.task!.decisions.reject!.to).toBe('check');
  });
});
