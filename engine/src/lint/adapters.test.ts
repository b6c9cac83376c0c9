import { describe, it } from 'vitest';
import { runCase, type LintCase } from './fixtures/cases.ts';
import cases from './fixtures/adapters.json' with { type: 'json' };

describe('lint: adapters', () => {
  it.each(cases as unknown as LintCase[])('$name', (c) => runCase(c));
});
