import { describe, it } from 'vitest';
import { runCase, type LintCase } from './fixtures/cases.ts';
import cases from './fixtures/reachability.json' with { type: 'json' };

describe('lint: reachability', () => {
  it.each(cases as unknown as LintCase[])('$name', (c) => runCase(c));
});
