/**
 * The Problems panel's checker gives, for every document of an edit session, exactly what a check
 * from scratch gives (fast-check: random sequences of the canvas's and panels' commands, with undo
 * and redo back to documents seen before), and answers repeats from memory.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Definition } from '@tongban/engine';
import { serviceItems } from '@tongban/definitions/service-items';
import { addState, connect, removeStates, removeTransition, renameState, setValue } from '../doc/commands.ts';
import type { Command } from '../doc/commandStack.ts';
import { indexStates } from '../doc/stateIndex.ts';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';
import { checkDocument, type CheckResult } from './checkDocument.ts';
import { IncrementalChecker, documentKey } from './incrementalCheck.ts';

const without = ({ ms: _ms, ...rest }: CheckResult) => rest;

type Edit = { kind: 'title' | 'sla' | 'add' | 'connect' | 'unlink' | 'remove' | 'rename' | 'guard' | 'undo' | 'redo'; a: number; b: number; text: string };
const arbEdit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('title', 'sla', 'add', 'connect', 'unlink', 'remove', 'rename', 'guard', 'undo', 'redo'),
  a: fc.nat(40), b: fc.nat(40), text: fc.constantFrom('复核', 'P2D', 'PT0S', 'x', ''),
});

/** The command an edit stands for on this document (states picked by index, modulo their count). */
function commandOf(doc: Definition, e: Edit): Command | undefined {
  const { states, transitions } = indexStates(doc);
  const ids = [...states.keys()];
  const pick = (n: number) => ids[n % ids.length]!;
  if (!ids.length) return undefined;
  const s = states.get(pick(e.a))!;
  switch (e.kind) {
    case 'title': return setValue(`${s.pointer}/title/zh-CN`, e.text);
    case 'sla': return s.spec.task ? setValue(`${s.pointer}/task/sla/within`, e.text) : undefined;
    case 'add': return addState(`n${e.a}_${e.b}`, { title: { 'zh-CN': '新步骤', en: 'New step' }, type: 'final', outcome: 'done' }, { from: s.id, event: 'approve' });
    case 'connect': return connect(s.id, e.text === 'x' ? 'approve' : 'reject', pick(e.b));
    case 'unlink': return transitions.length ? removeTransition(transitions[e.b % transitions.length]!.pointer) : undefined;
    case 'remove': return removeStates([s.id]);
    case 'rename': return renameState(s.id, `${s.id}_r`);
    case 'guard': return transitions.length ? setValue(`${transitions[e.b % transitions.length]!.pointer}/guard`, e.text === 'x' ? { var: 'data.missing' } : { '==': [{ var: 'data.note' }, e.text] }) : undefined;
    default: return undefined;
  }
}

describe('incremental check (Problems panel)', () => {
  it('random edit sessions: every document checks the same as from scratch (fast-check)', () => {
    const starts = [fixtureDefinition(), serviceItems['grid-incident'] as Definition];
    fc.assert(fc.property(fc.constantFrom(0, 1), fc.array(arbEdit, { minLength: 1, maxLength: 12 }), (start, edits) => {
      const checker = new IncrementalChecker(4);
      const undo: Definition[] = [];
      const redo: Definition[] = [];
      let doc = structuredClone(starts[start]!);
      for (const e of edits) {
        if (e.kind === 'undo' || e.kind === 'redo') {
          const from = e.kind === 'undo' ? undo : redo;
          const to = e.kind === 'undo' ? redo : undo;
          const prev = from.pop();
          if (prev) { to.push(doc); doc = prev; }
        } else {
          const cmd = commandOf(doc, e);
          if (!cmd) continue;
          undo.push(doc); redo.length = 0;
          doc = cmd.apply(doc);
        }
        // as in the worker: the document arrives as a structured clone, identity lost
        expect(without(checker.check(structuredClone(doc), [doc.id]))).toEqual(without(checkDocument(structuredClone(doc), [doc.id])));
      }
    }), { numRuns: 60 });
  });

  it('answers a document seen before from memory, and only an equal one', () => {
    const checker = new IncrementalChecker();
    const a = fixtureDefinition();
    const b = setValue('/states/review/task/sla/within', 'nonsense').apply(a);
    const first = checker.check(a);
    expect(checker.check(b).errors).toBeGreaterThan(0);
    expect(checker.hits).toBe(0);
    expect(without(checker.check(structuredClone(a)))).toEqual(without(first)); // undo
    expect(checker.hits).toBe(1);
    expect(checker.check(a, ['other-item']).diagnostics).toEqual(checkDocument(a, ['other-item']).diagnostics); // other known ids: a new key
    expect(checker.hits).toBe(1);
  });

  it('keys tell apart what JSON would merge, and refuse what is not plain data', () => {
    expect(documentKey({ a: undefined })).not.toBe(documentKey({}));
    expect(documentKey({ a: Number.NaN })).not.toBe(documentKey({ a: null }));
    expect(documentKey({ a: 'u' })).not.toBe(documentKey({ a: undefined }));
    expect(documentKey({ a: new Date(0) })).toBeUndefined();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(documentKey(cyclic)).toBeUndefined();
    // not plain data is still checked, every time
    const checker = new IncrementalChecker();
    expect(checker.check(cyclic).errors).toBeGreaterThan(0);
    expect(checker.check(cyclic).errors).toBeGreaterThan(0);
    expect(checker.hits).toBe(0);
  });
});
