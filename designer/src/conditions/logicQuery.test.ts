import { describe, expect, it } from 'vitest';
import { canonical, logicToQuery, queryToLogic } from './logicQuery.ts';
import { conditionFields } from './conditionFields.ts';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';
import { serviceItems } from '@tongban/definitions/service-items';
import { indexStates } from '../doc/stateIndex.ts';
import type { Definition } from '@tongban/engine';

describe('condition builder ⇄ JSONLogic', () => {
  const roundTrips = [
    { '==': [{ var: 'data.urgency' }, 'urgent'] },
    { and: [{ '==': [{ var: 'data.valid' }, true] }, { '>': [{ var: 'data.amount' }, 3] }] },
    { or: [{ in: [{ var: 'data.cls' }, ['a', 'b']] }, { '!=': [{ var: 'actor.userId' }, { var: 'case.initiator.userId' }] }] },
    { '<=': [1, { var: 'data.x' }, 5] },
  ];
  it.each(roundTrips)('round-trips %j exactly', (logic) => {
    const parsed = logicToQuery(logic);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(canonical(queryToLogic(parsed.query))).toBe(canonical(logic));
  });

  const lossy = [{ '+': [1, 2] }, { '!!': { var: 'data.photo' } }, { or: [{ '==': [{ var: 'data.a' }, 1] }, { '!': { var: 'data.b' } }] }, { var: ['data.a', 1] }];
  it.each(lossy)('reports %j as not representable instead of dropping part of it', (logic) => {
    expect(logicToQuery(logic)).toEqual({ ok: false, reason: 'unrepresentable' });
  });

  it('an empty builder means no condition', () => {
    expect(queryToLogic({ combinator: 'and', rules: [] })).toBeUndefined();
    expect(logicToQuery(undefined)).toEqual({ ok: true, query: { combinator: 'and', rules: [] } });
  });

  it('every guard of the five service items either round-trips exactly or is flagged (never silently changed)', () => {
    let shown = 0; let flagged = 0;
    for (const item of Object.values(serviceItems) as Definition[]) {
      for (const t of indexStates(item).transitions) {
        if (t.spec.guard === undefined) continue;
        const p = logicToQuery(t.spec.guard);
        if (p.ok) { shown++; expect(canonical(queryToLogic(p.query))).toBe(canonical(t.spec.guard)); } else flagged++;
      }
    }
    expect(shown + flagged).toBeGreaterThan(10);
    expect(shown).toBeGreaterThan(0);
  });

  it('offers the data fields with their labels and the engine variables', () => {
    const f = conditionFields(fixtureDefinition());
    expect(f.map((x) => x.name)).toEqual(expect.arrayContaining(['data.shopName', 'data.ownerId', 'actor.roles', 'case.orgPath', 'event.comment']));
  });
});
