import { describe, expect, it } from 'vitest';
import { renderTemplate, templateCacheSize, TEMPLATE_CACHE_SIZE } from './index.ts';

const ctx = {
  org: { name: '桃花镇便民服务中心' },
  case: { ref: 'TB-2026-0042', status: 'open', items: [{ name: '路灯' }, { name: '井盖' }] },
  task: { assigneeName: '王网格' },
  sla: { dueAt: '2026-03-04T01:12:00Z', remainingMs: 9_000_000 },
  reporter: { name: '张三丰', phone: '13812341234' },
};

function text(source: string, locale: 'zh-CN' | 'en' = 'zh-CN', context: object = ctx): string {
  const res = renderTemplate(source, context, locale);
  if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
  return res.text;
}

describe('renderTemplate', () => {
  it('renders the dispatch notification in zh-CN', () => {
    expect(text('【{{org.name}}】案件{{case.ref}}已派遣至{{task.assigneeName}}，请于{{formatDate sla.dueAt}}前处理。')).toBe(
      '【桃花镇便民服务中心】案件TB-2026-0042已派遣至王网格，请于2026年3月4日 09:12前处理。',
    );
  });

  it('renders helpers in en', () => {
    expect(text('Case {{case.ref}} due {{formatDate sla.dueAt}} ({{formatDuration sla.remainingMs}} left)', 'en')).toBe('Case TB-2026-0042 due 2026-03-04 09:12 (2h 30m left)');
    expect(text('{{formatDuration sla.remainingMs}}')).toBe('2小时30分');
  });

  it('eq / ne / default / if / unless / each / with', () => {
    expect(text('{{#if (eq case.status "open")}}待办{{else}}已办{{/if}}')).toBe('待办');
    expect(text('{{#if (ne case.status "open")}}x{{else}}y{{/if}}')).toBe('y');
    expect(text('{{default case.note "（无）"}}|{{default case.ref "-"}}')).toBe('（无）|TB-2026-0042');
    expect(text('{{#unless case.closed}}未结{{/unless}}')).toBe('未结');
    expect(text('{{#each case.items}}{{@index}}.{{name}}@{{../org.name}};{{/each}}')).toBe('0.路灯@桃花镇便民服务中心;1.井盖@桃花镇便民服务中心;');
    expect(text('{{#each case.items as |it|}}{{it.name}}{{#if @last}}。{{else}}、{{/if}}{{/each}}')).toBe('路灯、井盖。');
    expect(text('{{#with reporter}}{{mask name "name"}} {{mask phone "phone"}}{{/with}}')).toBe('张*丰 138****1234');
  });

  it('does not escape (plain text) and prints missing fields as empty', () => {
    expect(text('{{x}}|{{a.b.c}}|', 'zh-CN', { x: '<b>&"' })).toBe('<b>&"||');
  });

  it('returns the check diagnostics (path "") instead of rendering a bad template', () => {
    const res = renderTemplate('{{shout case.ref}}', ctx, 'zh-CN');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.diagnostics.map((d) => [d.code, d.path])).toEqual([['template.unknown-helper', '']]);
  });

  it.each(['{{constructor.constructor}}', '{{__proto__}}', '{{lookup this "constructor"}}', '{{#with constructor}}{{constructor}}{{/with}}', '{{[constructor]}}'])(
    'refuses prototype access: %s',
    (source) => {
      expect(renderTemplate(source, ctx, 'en').ok).toBe(false);
    },
  );

  it('never reads inherited properties at run time', () => {
    expect(text('[{{toString}}][{{hasOwnProperty}}][{{valueOf}}][{{case.items.map}}][{{case.items.length}}]', 'en')).toBe('[][][][][2]');
  });

  it('reads own "constructor"-free data only, even from class instances', () => {
    class Case {
      ref = 'own';
      get secret(): string {
        return 'inherited getter';
      }
    }
    expect(text('{{c.ref}}|{{c.secret}}', 'en', { c: new Case() })).toBe('own|');
  });

  it('turns render-time failures into template.render-failed', () => {
    const res = renderTemplate('{{x}}', { x: Object.create(null) as object }, 'en');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.diagnostics[0]?.code).toBe('template.render-failed');
  });

  it('keeps the compiled-template cache bounded', () => {
    for (let i = 0; i < TEMPLATE_CACHE_SIZE + 50; i++) text(`n${i}={{n}}`, 'en', { n: i });
    expect(templateCacheSize()).toBe(TEMPLATE_CACHE_SIZE);
    expect(text('n5={{n}}', 'en', { n: 5 })).toBe('n5=5');
  });
});
