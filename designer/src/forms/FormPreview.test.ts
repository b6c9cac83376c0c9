import { describe, expect, it } from 'vitest';
import { uiFor } from './FormPreview.tsx';

describe('form preview', () => {
  it('says where the workbench picks a person, a unit, a grid or a consent (the preview shows a text box)', () => {
    const ui = uiFor({ type: 'object', properties: {
      owner: { type: 'string', 'x-widget': 'user-picker' }, unit: { type: 'string', 'x-widget': 'org-picker' }, grid: { type: 'string', 'x-widget': 'grid-picker' },
      ref: { type: 'string', 'x-consent': { purpose: 'door-access' } }, note: { type: 'string', 'x-widget': 'textarea' },
    } } as never, 'zh-CN') as Record<string, Record<string, unknown>>;
    expect(ui.owner!['ui:placeholder']).toBe('工作台中从组织树选人');
    expect(ui.unit!['ui:placeholder']).toBe('工作台中从组织树选择单位');
    expect(ui.grid!['ui:placeholder']).toBe('工作台中从组织树选择网格');
    expect(ui.ref!['ui:placeholder']).toBe('工作台中从同意登记选择或当场登记');
    expect(ui.note).toEqual({ 'ui:widget': 'textarea' });
  });
});
