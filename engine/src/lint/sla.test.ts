import { describe, it } from 'vitest';
import { runCase, type LintCase } from './fixtures/cases.ts';
import cases from './fixtures/sla.json' with { type: 'json' };

describe('lint: sla', () => {
  it.each(cases as unknown as LintCase[])('$name', (c) => runCase(c));
});
