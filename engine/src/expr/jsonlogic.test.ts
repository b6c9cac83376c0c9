import { describe, expect, it } from 'vitest';
import cases from './fixtures/jsonlogic-cases.json' with { type: 'json' };
import { compileLogic } from './index.ts';

type Case = [logic: unknown, data: unknown, expected: unknown];

const table: Array<{ title: string; c: Case }> = [];
let section = '';
for (const row of cases as unknown[]) {
  if (typeof row === 'string') section = row.replace(/^#\s*/, '');
  else table.push({ title: `${section}: ${JSON.stringify((row as Case)[0])} on ${JSON.stringify((row as Case)[1])}`, c: row as Case });
}

describe('JSONLogic test vectors (fixtures/jsonlogic-cases.json)', () => {
  it('has a representative table', () => {
    expect(table.length).toBeGreaterThanOrEqual(80);
  });

  it.each(table)('$title', ({ c: [logic, data, expected] }) => {
    const res = compileLogic(logic, '/guard');
    if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
    expect(res.logic.evaluate(data)).toEqual(expected);
    expect(res.logic.evaluateSafe(data)).toEqual({ ok: true, value: expected });
  });
});
