// @vitest-environment happy-dom
/**
 * 选人 / 选组织 / 选网格 in a form: chosen values are shown by name, and choosing people on the org
 * tree writes their ids (one for a text field, several for a list) into the form's data.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { useState } from 'react';
import '../i18n/i18n.ts';
import { CaseForm } from './CaseForm.tsx';
import { lookupKeys } from '../shared/lookups.ts';

Object.defineProperty(window, 'matchMedia', { writable: true, value: (q: string) => ({ matches: false, media: q, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }) });
afterEach(cleanup);

const orgs = [
  { path: '/510722/510722100', code: '510722100', name: '太和镇', level: 'township', parentPath: '/510722' },
  { path: '/510722/510722100/510722100001', code: '510722100001', name: '金鱼社区居民委员会', level: 'community', parentPath: '/510722/510722100' },
  { path: '/510722/510722100/510722100001/510722100001001', code: '510722100001001', name: '金鱼社区第1网格', level: 'grid', parentPath: '/510722/510722100/510722100001' },
];
const schema = { type: 'object', properties: {
  gridCode: { type: 'string', title: '所属网格' }, unit: { type: 'string', title: '责任单位' },
  owner: { type: 'string', title: '负责人' }, mediators: { type: 'array', title: '调解员', items: { type: 'string' } },
} };
const uiSchema = { gridCode: { 'ui:widget': 'gridPicker' }, unit: { 'ui:widget': 'orgPicker' }, owner: { 'ui:widget': 'userPicker' }, mediators: { 'ui:widget': 'userPicker' } };

function mount(initial: Record<string, unknown>) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  qc.setQueryData(lookupKeys.orgs(), { items: orgs, names: new Map(orgs.map((o) => [o.path, o.name])) });
  qc.setQueryData(['org-members', '510722100001'], { items: [{ id: 'u1', name: '孙倩', orgPath: orgs[1]!.path, roles: [] }, { id: 'u2', name: '刘婷', orgPath: orgs[1]!.path, roles: [] }] });
  const seen: Array<Record<string, unknown>> = [];
  function Host() {
    const [data, setData] = useState(initial);
    return <CaseForm schema={schema} uiSchema={uiSchema} data={data} onChange={(d) => { seen.push(d); setData(d); }}
      context={{ names: { user: (id) => ({ u9: '王强' } as Record<string, string>)[id], org: (p) => (p === '/510722/510722903' ? '县人民医院' : undefined) } }} />;
  }
  render(<QueryClientProvider client={qc}><AntApp><Host /></AntApp></QueryClientProvider>);
  return seen;
}

describe('picker widgets', () => {
  it('show chosen grids, units and people by name, also a unit outside the tree the page can name', async () => {
    mount({ gridCode: '510722100001001', unit: '/510722/510722903', owner: 'u9', mediators: ['u9', 'u-unknown'] });
    await waitFor(() => expect(document.body.textContent).toContain('金鱼社区第1网格'));
    expect(document.body.textContent).toContain('县人民医院');
    expect(screen.getAllByText('王强')).toHaveLength(2);
    expect(screen.getByText('u-unknown')).toBeTruthy(); // nobody to name it after: the id, not a blank
    expect(document.body.textContent).not.toContain('510722100001001');
  });

  it('choose people on the org tree: their ids go into the data, their names onto the tags', async () => {
    const seen = mount({});
    fireEvent.click(screen.getAllByRole('button', { name: /选择人员/ })[1]!); // 调解员: a list
    await waitFor(() => expect(screen.getByRole('dialog')).toBeTruthy());
    fireEvent.click(await screen.findByText('金鱼社区居民委员会'));
    fireEvent.click(await screen.findByLabelText(/孙倩/));
    fireEvent.click(await screen.findByLabelText(/刘婷/));
    fireEvent.click(screen.getByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(seen.at(-1)).toMatchObject({ mediators: ['u1', 'u2'] }));
    expect(screen.getByText('孙倩')).toBeTruthy();
    expect(screen.getByText('刘婷')).toBeTruthy();
  });
});
