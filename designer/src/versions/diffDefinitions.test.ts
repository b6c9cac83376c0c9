import { describe, expect, it } from 'vitest';
import { diffDefinitions } from './diffDefinitions.ts';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';
import { removeStates, addState, setValue } from '../doc/commands.ts';
import { setRequired } from '../forms/formEdits.ts';
import { serviceItems } from '@tongban/definitions/service-items';
import type { Definition } from '@tongban/engine';

const texts = (a: Definition, b: Definition) => diffDefinitions(a, b).map((d) => d.text['zh-CN']);

describe('diffDefinitions speaks the definition language', () => {
  it('reports an SLA change as 处理时限 3 → 5 个工作日', () => {
    const a = fixtureDefinition();
    const b = setValue('/states/review/task/sla/within', 'P5D').apply(a);
    expect(texts(a, b)).toEqual(['步骤 复核 处理时限 3 → 5 个工作日']);
    expect(diffDefinitions(a, b)[0]!.text.en).toBe('Review time limit 3 working days → 5 working days');
  });

  it('reports a field made required by its label', () => {
    const a = fixtureDefinition();
    const b = setRequired('intake', 'ownerId', true).apply(a);
    expect(texts(a, b)).toEqual(['字段 身份证号 改为必填', '步骤 复核 中字段 身份证号 脱敏显示 → 必填']);
  });

  it('reports a deleted step by its title and the transition into it', () => {
    const a = fixtureDefinition();
    const b = removeStates(['closed']).apply(addState('x', {}).apply(a));
    const t = texts(a, b);
    expect(t).toContain('步骤 已办结 已删除');
    expect(t).toContain('复核 经「通过」到 已办结 的连线已删除');
    expect(t).toContain('步骤 x 已新增');
  });

  it('reports decisions, assignee and mode changes', () => {
    const a = fixtureDefinition();
    let b = setValue('/states/review/task/mode', 'all').apply(a);
    b = setValue('/states/review/task/assignee', { role: 'grid-worker', scope: 'grid' }).apply(b);
    b = setValue('/states/review/task/decisions/reject/requires', ['comment', 'signature']).apply(b);
    expect(texts(a, b)).toEqual([
      '步骤 复核 的办理人 community-officer@community → grid-worker@grid',
      '步骤 复核 的办理方式 单人办理 → 会签',
      '办理结果 驳回 须填 comment → comment、signature',
    ]);
  });

  it('is empty for equal versions and lists unknown keys rather than hiding them', () => {
    for (const item of Object.values(serviceItems)) expect(diffDefinitions(item as Definition, item as Definition)).toEqual([]);
    const a = fixtureDefinition();
    const b = { ...a, calendar: 'county-x' } as Definition;
    expect(texts(a, b)).toEqual(['其他修改：calendar']);
  });
});
