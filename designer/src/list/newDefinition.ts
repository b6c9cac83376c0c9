/** Starting points of a new item: a minimal valid skeleton, or a copy of one of the five service items under a new id. */
import type { Definition } from '@tongban/engine';
import { serviceItems } from '@tongban/definitions/service-items';

export const ITEM_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The smallest useful item: an intake form, one human step, a closed state. */
export function skeleton(id: string, title: string): Definition {
  return {
    id, version: 1, schemaVersion: 1, category: 'general', title: { 'zh-CN': title, en: title },
    data: { type: 'object', properties: { description: { type: 'string', maxLength: 4000, 'x-pii': 'none', 'x-title': { 'zh-CN': '情况说明', en: 'Description' } } } },
    forms: { intake: { title: { 'zh-CN': '登记', en: 'Intake' }, fields: ['description'], required: ['description'] } },
    // the roles of the county backbone (domain README): most items need a reporter, the community and the township
    roles: {
      'grid-worker': { title: { 'zh-CN': '网格员', en: 'Grid worker' }, level: 'grid' }, 'grid-leader': { title: { 'zh-CN': '网格长', en: 'Grid leader' }, level: 'community' },
      'community-officer': { title: { 'zh-CN': '社区专干', en: 'Community officer' }, level: 'community' }, 'township-reviewer': { title: { 'zh-CN': '乡镇审核员', en: 'Township reviewer' }, level: 'township' },
    },
    intake: { form: 'intake', roles: ['grid-worker'] },
    initial: 'review',
    states: {
      review: { title: { 'zh-CN': '受理', en: 'Review' }, task: { assignee: { role: 'community-officer', scope: 'community' }, fields: { description: 'read' }, decisions: { approve: { title: { 'zh-CN': '办结', en: 'Close' }, kind: 'approve' } } }, on: { approve: { target: 'closed' } } },
      closed: { title: { 'zh-CN': '已办结', en: 'Closed' }, type: 'final', outcome: 'done' },
    },
  } as Definition;
}

/** The five service items, for "从模板新建". */
export const templates = (): Array<{ id: string; title: string; definition: Definition }> =>
  Object.entries(serviceItems).map(([id, d]) => ({ id, title: (d as Definition).title['zh-CN'], definition: d as Definition }));

/** A template copied under a new id and title, as version 1. */
export function fromTemplate(t: Definition, id: string, title: string): Definition {
  return { ...structuredClone(t), id, version: 1, title: { 'zh-CN': title, en: title } };
}
