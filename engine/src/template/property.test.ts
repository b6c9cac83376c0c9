import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkTemplate, renderTemplate, templateVars } from './index.ts';

const fragment = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('{{', '}}', '{{{', '}}}', '{{#if a}}', '{{/if}}', '{{else}}', '{{#each xs}}', '{{/each}}', '{{> p}}', '{{../a}}', '{{@index}}', '{{constructor}}', '(eq a b)', '{{formatDate d}}', '{{mask p "phone"}}', '{{!--', '--}}', '"', '|x|', ' as '),
);
const templateArb = fc.array(fragment, { maxLength: 12 }).map((xs) => xs.join(''));

describe('template properties', () => {
  it('check, vars and render never throw, and render only what the check accepts', () => {
    fc.assert(
      fc.property(templateArb, fc.jsonValue(), (source, data) => {
        const diagnostics = checkTemplate(source, '/t');
        expect(Array.isArray(templateVars(source))).toBe(true);
        const res = renderTemplate(source, { a: data, xs: [data], d: '2026-03-04', p: '13812341234' }, 'zh-CN');
        if (diagnostics.length > 0) expect(res.ok).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });
});
