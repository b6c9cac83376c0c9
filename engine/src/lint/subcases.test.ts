import { describe, it } from 'vitest';
import { runCase, type LintCase } from './fixtures/cases.ts';
import cases from './fixtures/subcases.json' with { type: 'json' };

describe('lint: sub-cases and spawns', () => {
  it.each(cases as unknown as LintCase[])('$name', (c) => runCase(c));
});
