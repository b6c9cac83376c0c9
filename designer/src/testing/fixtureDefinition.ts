/** A small, valid definition for the designer's unit tests and stories: intake → review (countersign) → closed / back to intake. */
import type { Definition } from '@tongban/engine';

export function fixtureDefinition(): Definition {
  return {
    id: 'shop-front', version: 1, schemaVersion: 1, category: 'city',
    title: { 'zh-CN': '门前三包巡查', en: 'Shop-front inspection' },
    data: {
      type: 'object',
      properties: {
        shopName: { type: 'string', maxLength: 100, 'x-pii': 'none', 'x-title': { 'zh-CN': '商户名称', en: 'Shop name' } },
        ownerId: { type: 'string', format: 'cn-id-number', 'x-pii': 'id-number', 'x-title': { 'zh-CN': '身份证号', en: 'ID number' } },
        note: { type: 'string', maxLength: 500, 'x-pii': 'none', 'x-title': { 'zh-CN': '备注', en: 'Note' } },
      },
    },
    forms: { intake: { title: { 'zh-CN': '巡查登记', en: 'Inspection' }, fields: ['shopName', 'ownerId', 'note'], required: ['shopName'] } },
    roles: { 'grid-worker': { title: { 'zh-CN': '网格员', en: 'Grid worker' }, level: 'grid' }, 'community-officer': { title: { 'zh-CN': '社区专干', en: 'Community officer' }, level: 'community' } },
    intake: { form: 'intake', roles: ['grid-worker'] },
    initial: 'review',
    states: {
      review: {
        title: { 'zh-CN': '复核', en: 'Review' },
        task: {
          assignee: { role: 'community-officer', scope: 'community' }, form: 'intake',
          fields: { shopName: 'read', ownerId: 'masked', note: 'write' },
          sla: { within: 'P3D', clock: 'working', warnAt: 0.67 },
          decisions: { approve: { title: { 'zh-CN': '通过', en: 'Approve' }, kind: 'approve' }, reject: { title: { 'zh-CN': '驳回', en: 'Reject' }, kind: 'reject', requires: ['comment'], to: 'initiator' } },
        },
        on: { approve: { target: 'closed' } },
      },
      closed: { title: { 'zh-CN': '已办结', en: 'Closed' }, type: 'final', outcome: 'done' },
    },
  } as Definition;
}
