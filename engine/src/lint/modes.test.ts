import { describe, it } from 'vitest';
import { runCase, type LintCase } from './fixtures/cases.ts';
import cases from './fixtures/modes.json' with { type: 'json' };

describe('lint: modes', () => {
  it.each(cases as unknown as LintCase[])('$name', (c) => runCase(c));
});
