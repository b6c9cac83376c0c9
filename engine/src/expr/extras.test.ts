import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLogic, daysBetween, logicOperators, truthy } from './index.ts';
import type { CompiledLogic } from './index.ts';
import { civilFromDays, cstParts, daysFromCivil, parseIso } from './dates.ts';

function compiled(expr: unknown): CompiledLogic {
  const res = compileLogic(expr, '/guard');
  if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
  return res.logic;
}

describe('truthy', () => {
  it.each([
    [[], false],
    [[0], true],
    ['0', true],
    ['', false],
    [0, false],
    [Number.NaN, false],
    [null, false],
    [undefined, false],
    [{}, true],
    ['false', true],
  ])('%j → %s', (v, t) => expect(truthy(v)).toBe(t));
});

describe('logicOperators', () => {
  it('lists every supported operator exactly once', () => {
    const expected = ['var', 'missing', 'missing_some', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and', '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%', 'in', 'cat', 'substr', 'merge', 'map', 'filter', 'reduce', 'all', 'none', 'some', 'count', 'daysBetween', 'dateOf', 'matches', 'hasRole', 'record', 'distanceMeters', 'minutesBetween', 'without'];
    expect([...logicOperators].sort()).toEqual([...expected].sort());
    expect(Object.isFrozen(logicOperators)).toBe(true);
  });
});

describe('dateOf', () => {
  it('is the UTC+8 calendar date of an ISO time or epoch ms, null when invalid', () => {
    const logic = compiled({ dateOf: { var: 'at' } });
    expect(logic.evaluate({ at: Date.parse('2025-03-10T23:30:00+08:00') })).toBe('2025-03-10');
    expect(logic.evaluate({ at: '2025-03-10T16:30:00Z' })).toBe('2025-03-11');
    expect(logic.evaluate({ at: 'not a date' })).toBeNull();
  });
});

describe('count', () => {
  it('is the array length, 0 for anything else', () => {
    const logic = compiled({ count: { var: 'files' } });
    expect(logic.evaluate({ files: ['a', 'b'] })).toBe(2);
    expect(logic.evaluate({ files: 'ab' })).toBe(0);
    expect(logic.evaluate({})).toBe(0);
    expect(compiled({ '>': [{ count: [{ filter: [{ var: 'xs' }, { var: 'ok' }] }] }, 1] }).evaluate({ xs: [{ ok: 1 }, { ok: 0 }, { ok: true }] })).toBe(true);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-03-01', '2026-03-04', 3],
    ['2026-03-04', '2026-03-01', -3],
    ['2024-02-28', '2024-03-01', 2],
    ['2025-02-28', '2025-03-01', 1],
    ['2025-12-31', '2026-01-01', 1],
    ['2026-03-04T23:59', '2026-03-05T00:01', 1],
    ['2026-03-04T15:59:00Z', '2026-03-04T16:00:00Z', 1],
    ['2026-03-04T10:00:00+08:00', '2026-03-04T23:00:00+08:00', 0],
    ['2026-03-04T00:00:00.000Z', '2026-03-05', 1],
  ])('%s → %s = %s', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
    expect(compiled({ daysBetween: [{ var: 'a' }, { var: 'b' }] }).evaluate({ a, b })).toBe(n);
  });

  it.each([['2026-02-30'], ['2026-13-01'], ['yesterday'], ['2026-03-04T24:00'], [''], [null], [{}]])('invalid %j → null', (bad) => {
    expect(daysBetween(bad, '2026-03-04')).toBeNull();
    expect(daysBetween('2026-03-04', bad)).toBeNull();
  });

  it('accepts epoch milliseconds', () => {
    expect(daysBetween(0, 86_400_000)).toBe(1);
    expect(daysBetween(Date.UTC(2026, 2, 4, 15, 59), Date.UTC(2026, 2, 4, 16, 0))).toBe(1);
  });

  it('civil day arithmetic round-trips (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (days) => {
        const { year, month, day } = civilFromDays(days);
        expect(daysFromCivil(year, month, day)).toBe(days);
        if (year >= 100) expect(Date.UTC(year, month - 1, day) / 86_400_000).toBe(days); // Date.UTC maps 0..99 to 19xx
      }),
    );
  });

  it('parses ISO strings as UTC+8 without a zone', () => {
    expect(parseIso('2026-03-04T09:12')?.epochMs).toBe(Date.UTC(2026, 2, 4, 1, 12));
    expect(parseIso('2026-03-04T09:12:30.5Z')?.epochMs).toBe(Date.UTC(2026, 2, 4, 9, 12, 30, 500));
    expect(parseIso('2026-03-04T09:12-05:00')?.epochMs).toBe(Date.UTC(2026, 2, 4, 14, 12));
    expect(parseIso('2026-03-04')).toEqual({ epochMs: Date.UTC(2026, 2, 3, 16), dateOnly: true });
    expect(cstParts(Date.UTC(2026, 2, 4, 1, 12))).toEqual({ year: 2026, month: 3, day: 4, hour: 9, minute: 12 });
  });
});

describe('matches', () => {
  it('tests strings and numbers against a literal pattern compiled once', () => {
    const phone = compiled({ matches: [{ var: 'phone' }, '^1[3-9]\\d{9}$'] });
    expect(phone.evaluate({ phone: '13812341234' })).toBe(true);
    expect(phone.evaluate({ phone: 13812341234 })).toBe(true);
    expect(phone.evaluate({ phone: '1381234' })).toBe(false);
    expect(phone.evaluate({ phone: null })).toBe(false);
    expect(phone.evaluate({ phone: ['13812341234'] })).toBe(false);
  });

  it('supports i/m/s/u flags and is stateless between calls', () => {
    const logic = compiled({ matches: [{ var: 's' }, '^ab', 'i'] });
    expect(logic.evaluate({ s: 'ABc' })).toBe(true);
    expect(logic.evaluate({ s: 'ABc' })).toBe(true);
    expect(compiled({ matches: [{ var: 's' }, '^\\p{Script=Han}+$', 'u'] }).evaluate({ s: '通办' })).toBe(true);
  });
});

describe('hasRole', () => {
  const guard = compiled({ hasRole: 'township-reviewer' });
  it('reads actor.roles from the data', () => {
    expect(guard.evaluate({ actor: { roles: ['grid-worker', 'township-reviewer'] } })).toBe(true);
    expect(guard.evaluate({ actor: { roles: ['grid-worker'] } })).toBe(false);
    expect(guard.evaluate({ actor: { roles: 'township-reviewer' } })).toBe(false);
    expect(guard.evaluate({})).toBe(false);
    expect(guard.evaluate(null)).toBe(false);
  });

  it('reads the root data even inside an iteration', () => {
    const logic = compiled({ some: [{ var: 'tasks' }, { and: [{ var: 'open' }, { hasRole: 'admin' }] }] });
    expect(logic.evaluate({ tasks: [{ open: true }], actor: { roles: ['admin'] } })).toBe(true);
    expect(logic.evaluate({ tasks: [{ open: true, actor: { roles: ['admin'] } }], actor: { roles: [] } })).toBe(false);
  });

  it('accepts a computed role name', () => {
    const logic = compiled({ hasRole: { var: 'need' } });
    expect(logic.evaluate({ need: 'x', actor: { roles: ['x'] } })).toBe(true);
    expect(logic.evaluate({ need: 1, actor: { roles: [1] } })).toBe(false);
  });
});

describe('record', () => {
  it('builds an entry from literal keys and computed values, to append with merge', () => {
    const logic = compiled({ merge: [{ var: ['xs', []] }, [{ record: ['userId', { var: 'u' }, 'at', { var: 't' }, 'note', { var: 'missing' }] }]] });
    expect(logic.evaluate({ xs: [{ userId: 'a' }], u: 'b', t: 5 })).toEqual([{ userId: 'a' }, { userId: 'b', at: 5, note: null }]);
  });

  it.each([[['__proto__', 1]], [[{ var: 'k' }, 1]], [['a', 1, 'b']], [['1x', 2]]])('refuses %j (computed, prototype or unpaired keys)', (args) => {
    const res = compileLogic({ record: args }, '/set');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.diagnostics[0]!.code).toBe('expr.bad-shape');
  });
});

describe('distanceMeters', () => {
  it('measures a GPS check-in against the alarm location (haversine, metres)', () => {
    const logic = compiled({ distanceMeters: [{ var: 'a.lat' }, { var: 'a.lng' }, { var: 'b.lat' }, { var: 'b.lng' }] });
    // 0.001° of latitude is about 111 m
    expect(logic.evaluate({ a: { lat: 30.5, lng: 105.6 }, b: { lat: 30.501, lng: 105.6 } })).toBe(111);
    expect(logic.evaluate({ a: { lat: 30.5, lng: 105.6 }, b: { lat: 30.5, lng: 105.6 } })).toBe(0);
    expect(logic.evaluate({ a: { lat: 30.5 }, b: { lat: 30.5, lng: 105.6 } })).toBeNull();
    expect(logic.evaluate({ a: { lat: 95, lng: 105.6 }, b: { lat: 30.5, lng: 105.6 } })).toBeNull();
  });
});

describe('without', () => {
  it('takes every element equal to the value off a list (inside `filter` the outer data is out of scope)', () => {
    const logic = compiled({ without: [{ var: ['roster', []] }, { var: 'who' }] });
    expect(logic.evaluate({ roster: ['u1', 'u2', 'u1', 'u3'], who: 'u1' })).toEqual(['u2', 'u3']);
    expect(logic.evaluate({ roster: ['u2'], who: 'u1' })).toEqual(['u2']);
    expect(logic.evaluate({ who: 'u1' })).toEqual([]);
    expect(logic.evaluate({ roster: 'u1', who: 'u1' })).toEqual([]);
  });
});

describe('minutesBetween', () => {
  it('counts whole minutes between two times (ISO or epoch ms), null when one is missing', () => {
    const logic = compiled({ minutesBetween: [{ var: 'a' }, { var: 'b' }] });
    expect(logic.evaluate({ a: Date.parse('2025-03-04T09:00:00+08:00'), b: '2025-03-06T09:30:00+08:00' })).toBe(2 * 1440 + 30);
    expect(logic.evaluate({ a: '2025-03-04T09:00:00+08:00', b: '2025-03-04T08:59:00+08:00' })).toBe(-1);
    expect(logic.evaluate({ a: '2025-03-04T09:00:00+08:00' })).toBeNull();
  });
});
