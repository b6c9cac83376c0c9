// @vitest-environment happy-dom
/**
 * 选择同意记录 in a form: a chosen consent shows as its masked person, purpose and standing, never
 * its id; the picker searches by the ID number the form holds and offers only records in force; a
 * role that keeps no consent registry types the id instead. (Answers are preloaded into the query
 * cache; the browser journey in test/workbench/communityScreens.test.ts runs it against the server.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { useState } from 'react';
import '../i18n/i18n.ts';
import { CaseForm } from './CaseForm.tsx';
import { setSession } from '../shell/session.ts';

Object.defineProperty(window, 'matchMedia', { writable: true, value: (q: string) => ({ matches: false, media: q, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }) });
afterEach(() => { cleanup(); setSession(null); });

const ID = '510722195006070034';
const consent = (id: string, extra: Record<string, unknown> = {}) => ({ id, subjectName: '赵*芳', subjectIdNumber: '5****************4', orgPath: '/510722/510722100/510722100001', purpose: 'share-provider',
  dataCategories: ['name'], recipients: ['太和镇居家养老服务中心'], separate: true, guardianName: null, evidence: '同意书', grantedAt: Date.UTC(2026, 10, 1), expiresAt: null, status: 'active',
  recordedBy: 'u1', recordedAt: Date.UTC(2026, 10, 1), withdrawnBy: null, withdrawnAt: null, withdrawReason: null, ...extra });
const inForce = `cs-${'1'.repeat(8)}-1111-4111-8111-${'1'.repeat(12)}`;
const lapsed = `cs-${'2'.repeat(8)}-2222-4222-8222-${'2'.repeat(12)}`;
const schema = { type: 'object', properties: { pid: { type: 'string', title: '身份证号' }, shareRef: { type: 'string', title: '向驿站提供信息的同意', 'x-consent': { purpose: 'share-provider', subject: 'pid' } } } };
const uiSchema = { shareRef: { 'ui:widget': 'consentPicker' } };

function mount(role: string, initial: Record<string, unknown>) {
  setSession({ token: 't', expiresAt: Date.now() + 3_600_000, user: { id: 'u1', username: 'x', name: '孙倩', orgPath: '/510722/510722100/510722100001', roles: [{ role, orgPath: '/510722/510722100/510722100001' }] } as never });
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  qc.setQueryData(['consents', 'one', inForce], consent(inForce));
  qc.setQueryData(['consents', 'pick', 'share-provider', ID], { items: [consent(inForce), consent(lapsed, { expiresAt: Date.UTC(2026, 0, 1) })], nextCursor: null });
  const seen: Array<Record<string, unknown>> = [];
  function Host() {
    const [data, setData] = useState(initial);
    return <CaseForm schema={schema} uiSchema={uiSchema} data={data} onChange={(d) => { seen.push(d); setData(d); }} context={{ data: () => data }} />;
  }
  render(<QueryClientProvider client={qc}><AntApp><Host /></AntApp></QueryClientProvider>);
  return seen;
}

describe('consent picker', () => {
  it('shows a chosen consent by its masked person and standing, and picks one in force for the person the form names', async () => {
    const seen = mount('community-officer', { pid: ID });
    fireEvent.click(screen.getByRole('button', { name: /选择同意记录/ }));
    await waitFor(() => expect(screen.getByRole('dialog')).toBeTruthy());
    // searched by the form's ID number: one record in force (选用), one expired (no button)
    expect(screen.getByLabelText('按身份证号查找')).toHaveProperty('value', ID);
    await waitFor(() => expect(screen.getAllByRole('button', { name: /选\s*用/ })).toHaveLength(1));
    expect(screen.getByRole('dialog').textContent).toContain('已过期');
    fireEvent.click(screen.getByRole('button', { name: /选\s*用/ }));
    await waitFor(() => expect(seen.at(-1)).toMatchObject({ shareRef: inForce }));
    await waitFor(() => expect(screen.getByTestId('consent-chosen').textContent).toContain('赵*芳'));
    expect(screen.getByTestId('consent-chosen').textContent).toContain('有效');
    expect(document.body.textContent).not.toContain(inForce);
  });

  it('lets a role without the consent registry type the record’s id', async () => {
    const seen = mount('grid-worker', {});
    expect(screen.queryByRole('button', { name: /选择同意记录/ })).toBeNull();
    expect(document.body.textContent).toContain('请填写社区提供的同意记录编号');
    fireEvent.change(screen.getByPlaceholderText('cs-…'), { target: { value: ` ${inForce} ` } });
    await waitFor(() => expect(seen.at(-1)).toMatchObject({ shareRef: inForce }));
  });
});
