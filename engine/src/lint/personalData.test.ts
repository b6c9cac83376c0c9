import { describe, it } from 'vitest';
import { runCase, type LintCase } from './fixtures/cases.ts';
import cases from './fixtures/personalData.json' with { type: 'json' };

describe('lint: personal data, nested fields, schedules, combined assignees', () => {
  it.each(cases as unknown as LintCase[])('$name', (c) => runCase(c));
});
