import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../../testing/testRuntime.ts';
import { testDialects } from '../../testing/testDbs.ts';
import { seedRegistry } from '../seedRegistry.ts';

/** r-510722100001001-1 of the sample county: an elder living alone in grid 1 of the east township. */
const ELDER = { id: 'r-510722100001001-1', idNumber: '', phone: '' };
const WEST = 'r-510722200001001-1';
/** A valid GB 11643 number (check digit 3) and the same with a wrong check digit. */
const GOOD_ID = '110101199003071233';
const BAD_ID = '110101199003071238';

describe.each(testDialects)('resident registry on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await seedRegistry(t.db.knex, t.rt.codec);
    const { residents } = await import('@tongban/examples');
    const e = residents.find((r) => r.id === ELDER.id)!;
    ELDER.idNumber = e.idNumber;
    ELDER.phone = e.phone;
  }, 120_000);
  afterAll(async () => t?.close());

  it('keeps ID numbers, phones and contacts encrypted at rest, with keyed hashes for lookup', async () => {
    const row = (await t.db.knex('residents').where({ id: ELDER.id }).first()) as Record<string, string>;
    for (const col of ['id_number', 'phone', 'contacts']) expect(row[col]).toMatch(/^enc:v1:/);
    expect(JSON.stringify(row)).not.toContain(ELDER.idNumber);
    expect(JSON.stringify(row)).not.toContain(ELDER.phone);
    expect(row.id_hmac).toBe(t.rt.codec.hmac(ELDER.idNumber));
  });

  it('a grid worker lists their grid only, masked; special identities hidden', async () => {
    const res = await t.api('GET', '/api/residents', { token: await t.token('grid1') });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { orgPath: string }) => r.orgPath)).toEqual([GRID1, GRID1]);
    const elder = res.body.items.find((r: { id: string }) => r.id === ELDER.id);
    expect(elder.idNumber).toBe(ELDER.idNumber[0] + '*'.repeat(16) + ELDER.idNumber[17]);
    expect(elder.phone).toBe(ELDER.phone.slice(0, 3) + '****' + ELDER.phone.slice(7));
    expect(elder.categories).toBeUndefined();
    expect(elder.hidden).toContain('categories');
    expect(elder.masked).toEqual(expect.arrayContaining(['name', 'idNumber', 'phone']));
  });

  it('a community officer sees the categories (独居老人) and may filter by them', async () => {
    const res = await t.api('GET', '/api/residents?category=living-alone', { token: await t.token('officer') });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([ELDER.id]);
    expect(res.body.items[0].categories).toEqual(['elder', 'living-alone']);
    const denied = await t.api('GET', '/api/residents?category=living-alone', { token: await t.token('grid1') });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('pii.reveal-denied');
  });

  it('finds a resident by phone (full-width digits too) or ID number through the keyed hash, and audits the lookup', async () => {
    const fullWidth = [...ELDER.phone].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('');
    const byPhone = await t.api('GET', `/api/residents?phone=${encodeURIComponent(fullWidth)}`, { token: await t.token('reviewer.east') });
    expect(byPhone.body.items.map((r: { id: string }) => r.id)).toEqual([ELDER.id]);
    const byId = await t.api('GET', `/api/residents?idNumber=${ELDER.idNumber.toLowerCase()}`, { token: await t.token('reviewer.east') });
    expect(byId.body.items.map((r: { id: string }) => r.id)).toEqual([ELDER.id]);
    // the west township reviewer's scope does not hold this resident: found nowhere
    const west = await t.api('GET', `/api/residents?idNumber=${ELDER.idNumber}`, { token: await t.token('reviewer.west') });
    expect(west.body.items).toEqual([]);
    const audit = (await t.db.knex('audit_log').where({ action: 'resident.lookup' }).select('detail')) as Array<{ detail: string }>;
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(audit.map((a) => a.detail).join()).not.toContain(ELDER.phone);
  });

  it('out of scope is 404; staff who do not serve residents are refused', async () => {
    expect((await t.api('GET', `/api/residents/${WEST}`, { token: await t.token('grid1') })).status).toBe(404);
    expect((await t.api('GET', `/api/residents/${ELDER.id}`, { token: await t.token('grid1') })).status).toBe(200);
  });

  it('reveals with a purpose, audited with the field names and purpose only', async () => {
    const res = await t.api('POST', `/api/residents/${ELDER.id}/reveal`, { token: await t.token('grid1'), body: { fields: ['idNumber', 'emergencyContacts[].phone'], purpose: 'call-back' } });
    expect(res.status).toBe(200);
    expect(res.body.values.idNumber).toBe(ELDER.idNumber);
    expect(res.body.values['emergencyContacts[].phone']).toHaveLength(1);
    const entry = (await t.db.knex('audit_log').where({ action: 'resident.reveal' }).orderBy('seq', 'desc').first()) as { detail: string; actor_id: string };
    expect(entry.actor_id).toBe('u-grid1');
    expect(JSON.parse(entry.detail)).toMatchObject({ residentId: ELDER.id, fields: ['idNumber', 'emergencyContacts[].phone'], purpose: 'call-back' });
    expect(entry.detail).not.toContain(ELDER.idNumber);
    const hidden = await t.api('POST', `/api/residents/${ELDER.id}/reveal`, { token: await t.token('grid1'), body: { fields: ['categories'], purpose: 'call-back' } });
    expect(hidden.status).toBe(403);
    const noPurpose = await t.api('POST', `/api/residents/${ELDER.id}/reveal`, { token: await t.token('grid1'), body: { fields: ['idNumber'] } });
    expect(noPurpose.status).toBe(400);
  });

  it('an admin registers and edits a resident: coded field problems, expectedVersion, audited', async () => {
    const admin = await t.token('admin');
    const bad = await t.api('POST', '/api/residents', { token: admin, body: { name: '测试', idNumber: BAD_ID, orgPath: GRID1, phone: '1381234' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('resident.invalid');
    expect(bad.body.error.details.problems.map((p: { field: string; code: string }) => `${p.field}:${p.code}`)).toEqual(['idNumber:id-number.checksum', 'phone:phone.invalid-or-landline']);
    expect(bad.body.error.details.problems[0].message['zh-CN']).toContain('GB 11643');
    const made = await t.api('POST', '/api/residents', { token: admin, body: { name: '测试居民', idNumber: GOOD_ID, orgPath: GRID1, phone: '13900001111', categories: ['dibao'], householdId: 'h-1' } });
    expect(made.status).toBe(201);
    expect(made.body.sex).toBe('*');
    const dup = await t.api('POST', '/api/residents', { token: admin, body: { name: '重复', idNumber: GOOD_ID, orgPath: GRID1 } });
    expect(dup.status).toBe(409);
    const edit = { name: '测试居民', idNumber: GOOD_ID, orgPath: '/510722/510722100/510722100001/510722100001002', phone: '13900001111', categories: ['dibao'] };
    const ok = await t.api('PUT', `/api/residents/${made.body.id}`, { token: admin, body: { ...edit, expectedVersion: 1 } });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    const stale = await t.api('PUT', `/api/residents/${made.body.id}`, { token: admin, body: { ...edit, address: '幸福路1号', expectedVersion: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.currentVersion).toBe(2);
    const entries = (await t.db.knex('audit_log').whereIn('action', ['resident.create', 'resident.update']).orderBy('seq')) as Array<{ action: string; detail: string }>;
    expect(entries.map((e) => e.action)).toEqual(['resident.create', 'resident.update']);
    expect(JSON.parse(entries[1]!.detail).fields).toEqual(['orgPath', 'householdId']);
    // a grid worker may read but not register
    const gw = await t.api('POST', '/api/residents', { token: await t.token('grid1'), body: { name: '某', idNumber: GOOD_ID, orgPath: GRID1 } });
    expect(gw.status).toBe(403);
  });

  it('retires a resident who moved away or died: out of lists and bindings, kept in history, devices unbound, audited', async () => {
    const admin = await t.token('admin');
    const { adapterBindings } = await import('../devices/adapterRegistry.ts');
    const bound = (await t.db.knex('devices').where({ resident_id: ELDER.id }).orderBy('id').pluck('id')) as string[];
    expect(bound.length).toBeGreaterThan(0);
    expect((await adapterBindings(t.db.knex, t.rt.codec)).some((b) => 'elder' in b && b.elder.residentId === ELDER.id)).toBe(true);
    const before = (await t.api('GET', `/api/residents/${ELDER.id}`, { token: admin })).body as { version: number };
    const stale = await t.api('POST', `/api/residents/${ELDER.id}/retire`, { token: admin, body: { reason: 'deceased', expectedVersion: before.version + 5 } });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'resident.version-conflict']);
    const bad = await t.api('POST', `/api/residents/${ELDER.id}/retire`, { token: admin, body: { reason: 'vanished', expectedVersion: before.version } });
    expect(bad.status).toBe(400);
    const west = await t.api('POST', `/api/residents/${WEST}/retire`, { token: await t.token('grid1'), body: { reason: 'moved-away', expectedVersion: 1 } });
    expect(west.status).toBe(403);
    const retired = await t.api('POST', `/api/residents/${ELDER.id}/retire`, { token: admin, body: { reason: 'deceased', expectedVersion: before.version } });
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);
    expect(retired.body).toMatchObject({ resident: { id: ELDER.id, retiredReason: 'deceased', version: before.version + 1 }, unboundDevices: bound });
    // out of lists and lookups, still readable by id (the history of their cases names them)
    const list = await t.api('GET', '/api/residents?limit=200', { token: admin });
    expect(list.body.items.some((r: { id: string }) => r.id === ELDER.id)).toBe(false);
    expect((await t.api('GET', `/api/residents?idNumber=${ELDER.idNumber}`, { token: admin })).body.items).toEqual([]);
    const gone = await t.api('GET', '/api/residents?status=retired', { token: admin });
    expect(gone.body.items.map((r: { id: string }) => r.id)).toEqual([ELDER.id]);
    expect((await t.api('GET', `/api/residents/${ELDER.id}`, { token: admin })).body.retiredAt).toBeGreaterThan(0);
    // the devices are unbound, and the adapters' bindings no longer carry the resident
    expect(await t.db.knex('devices').whereIn('id', bound).whereNotNull('resident_id').count({ n: '*' }).then((r) => Number((r[0] as { n: number }).n))).toBe(0);
    expect((await adapterBindings(t.db.knex, t.rt.codec)).some((b) => 'elder' in b && b.elder.residentId === ELDER.id)).toBe(false);
    const dev = await t.api('GET', `/api/devices/${bound[0]}`, { token: admin });
    expect(dev.body.residentId).toBeUndefined();
    // no more edits, no second retirement, no new device binding
    const edit = await t.api('PUT', `/api/residents/${ELDER.id}`, { token: admin, body: { name: '某', idNumber: ELDER.idNumber, orgPath: GRID1, expectedVersion: before.version + 1 } });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'resident.retired']);
    expect((await t.api('POST', `/api/residents/${ELDER.id}/retire`, { token: admin, body: { reason: 'moved-away', expectedVersion: before.version + 1 } })).body.error.code).toBe('resident.retired');
    const rebind = await t.api('PUT', `/api/devices/${bound[0]}`, { token: admin, body: { type: dev.body.type, orgPath: dev.body.orgPath, residentId: ELDER.id, expectedVersion: dev.body.version } });
    expect(rebind.status).toBe(422);
    const entry = (await t.db.knex('audit_log').where({ action: 'resident.retire' }).first()) as { detail: string };
    expect(JSON.parse(entry.detail)).toEqual({ residentId: ELDER.id, reason: 'deceased', unboundDevices: bound });
  });
});
