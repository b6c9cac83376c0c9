import { describe, expect, it } from 'vitest';
import def from './fixtures/parallel.json' with { type: 'json' };
import { compile } from '../compile/compile.ts';
import type { Definition } from '../definition/types.ts';
import { start, step, type LiveSnapshot } from './step.ts';
import { act, actor, grid, testOptions } from '../testing/testkit.ts';

const c = compile(def as unknown as Definition);
const opts = testOptions();

describe('reject back inside one parallel region', () => {
  it('moves only that region; the other region keeps its open task', () => {
    let s: LiveSnapshot = start(c, { caseId: 'p', orgPath: grid, data: {}, meta: { at: 1, id: 's', actor: actor('gw1') } }, opts).snapshot;
    const task = (user: string) => Object.values(s.context.tasks).find((t) => t.assignee === user)!.id;
    const b1 = task('tr1');
    s = step(c, s, act(task('co1'), 'approve', 'co1', 2), opts).snapshot;
    expect(s.value).toEqual({ both: { a: 'a2', b: 'b1' } });
    const r = step(c, s, act(task('co2'), 'reject', 'co2', 3), opts);
    s = r.snapshot;
    expect(s.value).toEqual({ both: { a: 'a1', b: 'b1' } });
    expect(r.effects.filter((e) => e.kind === 'task.cancel')).toEqual([]);
    expect(task('tr1')).toBe(b1);
    // resubmission returns to the rejecting step (a2), then both regions join
    s = step(c, s, act(task('co1'), 'approve', 'co1', 4), opts).snapshot;
    expect(s.value).toEqual({ both: { a: 'a2', b: 'b1' } });
    s = step(c, s, act(task('co2'), 'approve', 'co2', 5), opts).snapshot;
    s = step(c, s, act(task('tr1'), 'approve', 'tr1', 6), opts).snapshot;
    expect(s.value).toBe('finished');
  });
});
