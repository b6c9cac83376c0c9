import { describe, expect, it } from 'vitest';
import { checkTemplate, templateHelpers } from './index.ts';

const P = '/notifications/dispatched/text/zh-CN';

function findings(source: string): Array<[string, Record<string, unknown> | undefined]> {
  return checkTemplate(source, P).map((d) => {
    expect(d.path).toBe(P);
    return [d.code, d.details];
  });
}

describe('checkTemplate', () => {
  it('accepts the typical notification text', () => {
    expect(checkTemplate('【{{org.name}}】案件{{case.ref}}已派遣至{{task.assigneeName}}，请于{{formatDate sla.dueAt}}前处理。', P)).toEqual([]);
    expect(
      checkTemplate('{{#if (eq case.status "closed")}}已办结{{else if (ne case.status "open")}}处理中{{else}}{{default case.note "无"}}{{/if}}{{#each case.items as |it i|}}{{@index}}{{it.name}}{{../case.ref}}{{/each}}{{#with org}}{{name}}{{/with}}{{#unless x}}-{{/unless}}{{!-- comment --}}', P),
    ).toEqual([]);
  });

  it('lists the allowed helpers', () => {
    expect([...templateHelpers].sort()).toEqual(['default', 'each', 'eq', 'formatDate', 'formatDuration', 'if', 'mask', 'ne', 'unless', 'with']);
  });

  it('unknown helpers (inline, sub-expression, block), with exact positions', () => {
    const d = checkTemplate('ok {{upper name}}\n{{#if (lookup this "x")}}{{/if}}\n  {{#loud}}x{{/loud}}', P);
    expect(d.map((x) => [x.code, x.path, x.details])).toEqual([
      ['template.unknown-helper', P, { helper: 'upper', line: 1, column: 4 }],
      ['template.unknown-helper', P, { helper: 'lookup', line: 2, column: 7 }],
      ['template.unknown-helper', P, { helper: 'loud', line: 3, column: 3 }],
    ]);
    expect(d[0]?.message).toEqual({ 'zh-CN': '未知的模板助手“upper”（第 1 行第 4 列）', en: 'Unknown template helper "upper" (line 1, column 4)' });
  });

  it('log and lookup are not available', () => {
    expect(findings('{{log "x"}}{{lookup this "constructor"}}').map(([c, d]) => [c, d?.helper])).toEqual([
      ['template.unknown-helper', 'log'],
      ['template.unknown-helper', 'lookup'],
    ]);
  });

  it('helper misuse and wrong arguments', () => {
    expect(findings('{{#formatDate x}}{{/formatDate}}')).toEqual([['template.bad-helper-use', { helper: 'formatDate', usage: 'block', line: 1, column: 1 }]]);
    expect(findings('{{if x}}')[0]?.[0]).toBe('template.bad-helper-use');
    expect(findings('{{formatDate a b}}')).toEqual([['template.bad-argument', { helper: 'formatDate', reason: 'arity', expected: 1, count: 2, line: 1, column: 1 }]]);
    expect(findings('{{mask phone "email"}}')).toEqual([['template.bad-argument', { helper: 'mask', reason: 'mask-kind', value: 'email', line: 1, column: 1 }]]);
    expect(findings('{{mask phone kind}}')).toEqual([]);
  });

  it.each([
    ['line 1: unclosed block', 'hello {{#if a}}x', 1, 17],
    ['line 2: broken mustache', 'line1\nline2 {{foo bar}', 2, 16],
    ['line 2: stray close', '{{a}}\n  {{/b}}', 2, 3],
    ['mismatched block names', '{{#if a}}\n{{/each}}', 1, 4],
    ['line 3: lexical error in comment', 'a\nb\nc {{!-- open', 3, 3],
  ])('syntax error (%s) → template.syntax with line and column', (_t, source, line, column) => {
    const d = checkTemplate(source, P);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'template.syntax', path: P, details: { line, column } });
    expect(typeof d[0]?.details?.message).toBe('string');
  });

  it.each([
    ['{{> header}}', 'partial'],
    ['{{#> layout}}x{{/layout}}', 'partial'],
    ['{{*decorator}}', 'decorator'],
    ['{{#*inline "p"}}x{{/inline}}', 'decorator'],
    ['{{{case.ref}}}', 'raw-output'],
    ['{{& case.ref}}', 'raw-output'],
    ['{{@root.case.ref}}', '@root'],
    ['{{@partial-block}}', '@partial-block'],
    ['{{../case.ref}}', '../'],
    ['{{#if a}}{{../b}}{{/if}}', '../'],
    ['{{#each xs}}{{../../b}}{{/each}}', '../'],
  ])('%s → template.forbidden-construct (%s)', (source, construct) => {
    expect(findings(source).map(([c, d]) => [c, d?.construct])).toEqual([['template.forbidden-construct', construct]]);
  });

  it.each(['{{constructor.constructor}}', '{{__proto__}}', '{{case.__proto__.x}}', '{{[constructor]}}', '{{"constructor"}}', '{{default constructor "x"}}', '{{#with __proto__}}{{/with}}', '{{a.__defineGetter__}}', '{{prototype}}'])(
    '%s → template.forbidden-path',
    (source) => {
      expect(findings(source).map(([c]) => c)).toEqual(['template.forbidden-path']);
    },
  );

  it('too long', () => {
    expect(checkTemplate('x'.repeat(10_000), P)).toEqual([]);
    expect(findings('x'.repeat(10_001))).toEqual([['template.too-long', { length: 10_001, max: 10_000 }]]);
  });
});
