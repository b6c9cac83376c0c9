/** 选人 on the org tree (转办 / 委派 / 加签 / 抄送): the units and people come from the API, so the story seeds the cache. */
import type { Meta, StoryObj } from '@storybook/react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { OrgUserPicker } from './OrgUserPicker.tsx';
import { lookupKeys } from './lookups.ts';

const meta: Meta = { title: 'Shared/OrgUserPicker' };
export default meta;
const orgs = [
  { path: '/510722/510722100', code: '510722100', name: '太和镇', level: 'township', parentPath: '/510722' },
  { path: '/510722/510722100/510722100001', code: '510722100001', name: '金鱼社区居民委员会', level: 'community', parentPath: '/510722/510722100' },
];

function Seeded({ multiple }: { multiple?: boolean }) {
  const qc = useQueryClient();
  qc.setQueryData(lookupKeys.orgs(), { items: orgs, names: new Map(orgs.map((o) => [o.path, o.name])) });
  qc.setQueryData(['org-members', '510722100001'], { items: [{ id: 'u1', name: '孙倩', orgPath: orgs[1]!.path, roles: ['community-officer'] }, { id: 'u2', name: '刘婷', orgPath: orgs[1]!.path, roles: [] }] });
  const [value, setValue] = useState<string[]>([]);
  return <OrgUserPicker value={value} onChange={setValue} multiple={multiple} />;
}

export const One: StoryObj = { render: () => <Seeded /> };
export const Several: StoryObj = { render: () => <Seeded multiple /> };
