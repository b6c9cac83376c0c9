/** 选人 / 选组织 / 选网格 inside a real rjsf form; the org units and people come from the API, so the story seeds the cache. */
import type { Meta, StoryObj } from '@storybook/react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CaseForm } from './CaseForm.tsx';
import { lookupKeys } from '../shared/lookups.ts';

const meta: Meta = { title: 'Forms/Pickers' };
export default meta;

const orgs = [
  { path: '/510722/510722100', code: '510722100', name: '太和镇', level: 'township', parentPath: '/510722' },
  { path: '/510722/510722100/510722100001', code: '510722100001', name: '金鱼社区居民委员会', level: 'community', parentPath: '/510722/510722100' },
  { path: '/510722/510722100/510722100001/510722100001001', code: '510722100001001', name: '金鱼社区第1网格', level: 'grid', parentPath: '/510722/510722100/510722100001' },
];
const schema = {
  type: 'object',
  properties: {
    gridCode: { type: 'string', title: '所属网格', pattern: '^\\d{15}$' },
    unit: { type: 'string', title: '责任单位', pattern: '^(/\\d{6,15})+$' },
    owner: { type: 'string', title: '负责人' },
    mediators: { type: 'array', title: '调解员', items: { type: 'string' } },
  },
};
const uiSchema = { gridCode: { 'ui:widget': 'gridPicker' }, unit: { 'ui:widget': 'orgPicker' }, owner: { 'ui:widget': 'userPicker' }, mediators: { 'ui:widget': 'userPicker' } };

function Demo({ data: initial }: { data: Record<string, unknown> }) {
  const qc = useQueryClient();
  qc.setQueryData(lookupKeys.orgs(), { items: orgs, names: new Map(orgs.map((o) => [o.path, o.name])) });
  qc.setQueryData(['org-members', '510722100001'], { items: [{ id: 'u1', name: '孙倩', orgPath: orgs[1]!.path, roles: ['community-officer'] }, { id: 'u2', name: '刘婷', orgPath: orgs[1]!.path, roles: [] }] });
  const [data, setData] = useState<Record<string, unknown>>(initial);
  const names = { user: (id: string) => ({ u1: '孙倩', u2: '刘婷' } as Record<string, string>)[id] };
  return <CaseForm schema={schema} uiSchema={uiSchema} data={data} onChange={setData} context={{ names }} />;
}

export const Empty: StoryObj = { render: () => <Demo data={{}} /> };
export const Chosen: StoryObj = { render: () => <Demo data={{ gridCode: '510722100001001', unit: '/510722/510722100/510722100001', owner: 'u1', mediators: ['u1', 'u2'] }} /> };
