/** Property: whatever event arrives, `step` answers with a result (never throws) and a refusal changes nothing. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import def from './fixtures/approval.json' with { type: 'json' };
import { compile } from '../compile/compile.ts';
import type { Definition } from '../definition/types.ts';
import { persist, start, step } from './step.ts';
import { actor, grid, testOptions } from '../testing/testkit.ts';
import type { CaseEvent } from './types.ts';

const c = compile(def as unknown as Definition);
const opts = testOptions();
const s0 = start(c, { caseId: 'r', orgPath: grid, data: {}, meta: { at: Date.UTC(2026, 2, 2, 1), id: 's', actor: actor('gw1') } }, opts).snapshot;
const taskId = Object.keys(s0.context.tasks)[0]!;

const users = fc.constantFrom('gw1', 'co1', 'tr1', 'nobody');
const event = fc.oneof(
  fc.anything(),
  fc.record({
    type: fc.constantFrom('task.act', 'timer.fired', 'adapter.succeeded', 'subcase.completed', 'task.unassignable', 'submit', 'approve', '$ctx', 'xstate.init'),
    taskId: fc.oneof(fc.constant(taskId), fc.string()),
    action: fc.constantFrom('submit', 'approve', 'reject', 'transfer', 'delegate', 'addSigner', 'removeSigner', 'withdraw', 'urge', 'copy', 'claim', 'open', 'constructor', '__proto__'),
    data: fc.oneof(fc.constant(undefined), fc.dictionary(fc.constantFrom('amount', 'note', 'reporterPhone', '__proto__', 'x'), fc.jsonValue())),
    users: fc.oneof(fc.constant(undefined), fc.array(users)),
    comment: fc.oneof(fc.constant(undefined), fc.string()),
    meta: fc.oneof(fc.anything(), fc.record({ at: fc.oneof(fc.integer(), fc.double()), id: fc.string(), actor: users.map(actor) })),
  }, { requiredKeys: ['type'] }),
);

describe('step robustness', () => {
  it('never throws, and a refused event leaves the snapshot exactly as it was', () => {
    const before = JSON.stringify(persist(s0));
    fc.assert(fc.property(event, (ev) => {
      const r = step(c, s0, ev as CaseEvent, opts);
      if (!r.accepted) {
        expect(r.diagnostics.length).toBeGreaterThan(0);
        expect(r.snapshot).toBe(s0);
      }
      expect(JSON.stringify(persist(s0))).toBe(before);
    }), { numRuns: 2000 });
  });
});
