import { describe, expect, it } from 'vitest';
import { createTestHost } from '@tongban/plugin-sdk';
import open311 from './index.ts';

const KEY = 'key-of-the-wechat-app-01';
const config = {
  defaultGridPath: '/510722/510722001/510722001001/510722001001002',
  areas: [{ gridPath: '/510722/510722001/510722001001/510722001001001', match: ['幸福路'] }],
  services: [{ code: '0101', name: '井盖缺失', description: '道路井盖缺失或破损', group: '市政设施' }],
};
const form = (extra: Record<string, string> = {}) => new URLSearchParams({
  api_key: KEY, service_code: '0101', lat: '30.871234', long: '105.382345', address_string: '幸福路12号3栋2单元门口',
  email: 'zhang@example.com', device_id: 'dev-abc', account_id: 'acct-9', first_name: '三丰', last_name: '张', phone: '13812341234',
  description: '门口井盖缺失，夜间有人踩空的危险', media_url: 'https://img.example.cn/p/1.jpg', 'attribute[WHISPAWN]': '123456', ...extra,
}).toString();
const host = () => createTestHost(open311, { config, secrets: { apiKeys: [{ client: 'wechat', key: KEY }] }, now: Date.now() });

describe('open311 GeoReport v2', () => {
  it('discovery and services in JSON and XML', async () => {
    const h = await host();
    const d = await h.request('GET', '/discovery.json');
    expect(JSON.parse(String(d.body))[0]).toMatchObject({ contact: expect.any(String), endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', formats: ['application/json', 'text/xml'] }] });
    const s = await h.request('GET', '/services.xml');
    expect(s.headers!['content-type']).toMatch(/text\/xml/);
    expect(String(s.body)).toContain('<services><service><service_code>0101</service_code><service_name>井盖缺失</service_name>');
    expect(JSON.parse(String((await h.request('GET', '/services/0101.json')).body))).toEqual([{ service_code: '0101', attributes: [] }]);
    expect((await h.request('GET', '/services/9999.json')).status).toBe(404);
  });

  it('a report opens a grid incident in the grid its address names, and reads back without anything personal', async () => {
    const h = await host();
    const r = await h.request('POST', '/requests.json', { body: form(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(201);
    expect(JSON.parse(String(r.body))).toEqual([{ service_request_id: 'TB-TEST-1', service_notice: expect.any(String), account_id: 'hidden' }]);
    const ev = h.emitted[0]!.event;
    expect(ev).toMatchObject({ source: 'external', start: { orgPath: config.areas[0]!.gridPath, definition: 'grid-incident' } });
    expect(ev.data).toMatchObject({ sourceChannel: 'open311', majorClass: '01', minorClass: '0101', gridCode: '510722001001001', reporter: { name: '张三丰', phone: '13812341234' }, photosBefore: ['https://img.example.cn/p/1.jpg'] });
    expect(String(ev.data.description)).toContain('WHISPAWN=123456');
    for (const path of ['/requests/TB-TEST-1.json', '/requests.json', '/requests.json?service_request_id=TB-TEST-1', '/requests/TB-TEST-1.xml']) {
      const got = await h.request('GET', path.split('?')[0]!, { query: path.includes('?') ? { service_request_id: 'TB-TEST-1' } : {} });
      const text = String(got.body);
      expect(got.status).toBe(200);
      for (const secret of ['张', '三丰', '13812341234', 'zhang@example.com', 'dev-abc', 'acct-9', '门口井盖缺失', 'img.example.cn', '2单元门口', '30.871234']) expect(text).not.toContain(secret);
    }
    expect(JSON.parse(String((await h.request('GET', '/requests/TB-TEST-1.json')).body))[0]).toMatchObject({ status: 'open', address: '幸福路12号', lat: 30.871, long: 105.382, service_code: '0101' });
    h.assertNothingPersonalLogged();
  });

  it('closes the public request when the case reports back', async () => {
    const h = await host();
    await h.request('POST', '/requests.json', { body: form() });
    expect(await h.invoke('status-update', { status: 'closed', statusNotes: '已补装井盖' }, { caseId: 'case-1' })).toMatchObject({ ok: true });
    expect(JSON.parse(String((await h.request('GET', '/requests/TB-TEST-1.json')).body))[0]).toMatchObject({ status: 'closed', status_notes: '已补装井盖' });
    expect(await h.invoke('status-update', { status: 'closed' }, { caseId: 'case-404' })).toMatchObject({ ok: false, error: { code: 'open311.unknown-request', retryable: false } });
  });

  it('refuses a bad api_key (403), unknown services (404), missing required fields and bad dates (400), in the requested format', async () => {
    const h = await host();
    const bad = await h.request('POST', '/requests.xml', { body: form({ api_key: 'wrong-key-wrong-key' }) });
    expect(bad.status).toBe(403);
    expect(String(bad.body)).toMatch(/^<\?xml.*<errors><error><code>403<\/code>/);
    expect((await h.request('POST', '/requests.json', { body: form({ service_code: '9999' }) })).status).toBe(404);
    const missing = await h.request('POST', '/requests.json', { body: form({ phone: '', media_url: '' }) });
    expect(missing.status).toBe(400);
    expect(JSON.parse(String(missing.body))[0].description).toMatch(/phone.*media_url/);
    expect((await h.request('GET', '/requests.json', { query: { start_date: '2025-01-01T00:00:00+08:00', end_date: '2025-12-31T00:00:00+08:00' } })).status).toBe(400);
    expect((await h.request('GET', '/requests')).status).toBe(404);
    expect(h.emitted).toHaveLength(0);
  });
});
