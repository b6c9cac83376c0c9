import { describe, expect, it } from 'vitest';
import { templateVars } from './index.ts';

describe('templateVars', () => {
  it('lists the paths of the dispatch notification', () => {
    expect(templateVars('【{{org.name}}】案件{{case.ref}}已派遣至{{task.assigneeName}}，请于{{formatDate sla.dueAt}}前处理。')).toEqual([
      'case.ref',
      'org.name',
      'sla.dueAt',
      'task.assigneeName',
    ]);
  });

  it('follows each / with / block params / ../ and skips helpers and @data', () => {
    expect(
      templateVars('{{#each case.items as |it i|}}{{it.name}}{{i}}{{@index}}{{qty}}{{../org.code}}{{/each}}{{#with task}}{{assigneeName}}{{/with}}{{#if (eq a.b "x")}}{{default c.d e}}{{/if}}{{this.f}}'),
    ).toEqual(['a.b', 'c.d', 'case.items', 'case.items[].name', 'case.items[].qty', 'e', 'f', 'org.code', 'task', 'task.assigneeName']);
  });

  it('is empty for unparsable or too long templates', () => {
    expect(templateVars('{{#if a}}')).toEqual([]);
    expect(templateVars('{{a}}'.repeat(3000))).toEqual([]);
  });
});
