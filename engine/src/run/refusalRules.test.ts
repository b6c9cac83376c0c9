/** Refusal rules (`refuse`) give a refused event its own stable code and message, and change nothing. */
import { describe, expect, it } from 'vitest';
import { compile } from '../compile/compile.ts';
import type { Definition } from '../definition/types.ts';
import { start, step } from './step.ts';
import { actor, grid, testOptions } from '../testing/testkit.ts';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const t0 = Date.UTC(2026, 2, 2, 1, 0);
const opts = testOptions();
const roster = { var: ['data.roster', []] };

const def: Definition = {
  id: 'roster-test', version: 1, schemaVersion: 1, title: t('名册', 'Roster'), category: 'test',
  data: { type: 'object', properties: { roster: { type: 'array', items: { type: 'string' }, 'x-pii': 'none' }, cap: { type: 'integer', 'x-pii': 'none' }, open: { type: 'boolean', 'x-pii': 'none' } } },
  roles: { resident: { title: t('居民', 'Resident') } },
  initial: 'open',
  states: {
    open: {
      on: {
        join: {
          target: 'open', roles: ['resident'],
          guard: { '==': [{ var: 'data.open' }, true] },
          description: t('报名尚未开放', 'enrolment is not open'),
          refuse: [
            { when: { in: [{ var: 'actor.userId' }, roster] }, code: 'roster.duplicate', message: t('已在名册中，不能重复加入', 'already on the roster') },
            { when: { '>=': [{ count: [roster] }, { var: 'data.cap' }] }, code: 'roster.full', message: t('名额已满', 'the roster is full') },
          ],
          set: { 'data.roster': { merge: [roster, [{ var: 'actor.userId' }]] } },
        },
      },
    },
  },
};

function begin(data: Record<string, unknown>) {
  const c = compile(def, { cache: false });
  const s = start(c, { caseId: 'r', orgPath: grid, data, meta: { at: t0, id: 's', actor: actor('co1') } }, opts).snapshot;
  return (type: string, by: string) => step(c, s, { type, meta: { at: t0 + 1000, id: 'e-' + by, actor: actor(by) } }, opts);
}

describe('refusal rules', () => {
  it('refuse a duplicate with its own code and message, leaving the case unchanged', () => {
    const r = begin({ roster: ['res1'], cap: 5, open: true })('join', 'res1');
    expect(r.accepted).toBe(false);
    expect(r.effects).toEqual([]);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('run.refused');
    expect(d.details?.code).toBe('roster.duplicate');
    expect(d.message['zh-CN']).toContain('不能重复加入');
    expect(d.message.en).toContain('already on the roster');
    expect(d.path).toMatch(/\/refuse\/0$/);
  });

  it('check the rules in order and let the event through when none holds', () => {
    const join = begin({ roster: ['a', 'b'], cap: 2, open: true });
    expect(join('join', 'res1').diagnostics[0]!.details?.code).toBe('roster.full');
    const ok = begin({ roster: ['a'], cap: 2, open: true })('join', 'res1');
    expect(ok.accepted).toBe(true);
    expect(ok.snapshot.context.data.roster).toEqual(['a', 'res1']);
  });
});

