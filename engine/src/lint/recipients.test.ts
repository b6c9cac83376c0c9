import { describe, it } from 'vitest';
import { runCase, type LintCase } from './fixtures/cases.ts';
import cases from './fixtures/recipients.json' with { type: 'json' };

describe('lint: notice recipients and the calendar', () => {
  it.each(cases as unknown as LintCase[])('$name', (c) => runCase(c));
});
