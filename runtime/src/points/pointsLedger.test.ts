/** The points ledger through the API, on SQLite and MariaDB: rules as data, scope, redemption races, reversal, audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, GRID_WEST, tinyCounty, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';
import { seedCounty } from '../seed/seedCounty.ts';

const COMMUNITY = '/510722/510722100/510722100001';

describe.each(testDialects)('points ledger on %s', (dialect) => {
  let t: TestRuntime;
  let officer: string;
  let admin: string;
  let resident: string;
  let westReviewer: string;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await seedCounty(t.db.knex, { orgs: tinyCounty.orgs, defaultPassword: 'Tongban@2025', users: [
      { id: 'u-res', username: 'res', name: '萧居民', roles: [{ role: 'resident', orgPath: GRID1 }] },
      { id: 'u-res-west', username: 'res.west', name: '西居民', roles: [{ role: 'resident', orgPath: GRID_WEST }] },
    ] });
    officer = await t.token('officer');
    admin = await t.token('admin');
    resident = await t.token('res');
    westReviewer = await t.token('reviewer.west');
  }, 120_000);
  afterAll(async () => t?.close());

  const award = (body: Record<string, unknown>, token = officer, person = 'u-res') => t.api('POST', `/api/points/accounts/${person}/entries`, { token, body });
  const account = async (token = officer, person = 'u-res') => (await t.api('GET', `/api/points/accounts/${person}`, { token })).body as { balance: number; entries: Array<{ id: string; kind: string; points: number; reversed: boolean }> };

  it('awards by the rule, never by a figure the caller sends, and once per activity', async () => {
    const a = await award({ ruleId: 'meeting-attendance', activityRef: 'CO-1' });
    expect(a.status).toBe(201);
    expect(a.body.points).toBe(2);
    const again = await award({ ruleId: 'meeting-attendance', activityRef: 'CO-1' });
    expect([again.status, again.body.error.code]).toEqual([409, 'points.duplicate']);
    expect(again.body.error.message).toContain('不能重复计分');
    // a volunteer hour ×k: 2.5 h × 10
    expect((await award({ ruleId: 'volunteer-hour', activityRef: 'VT-1', hours: 2.5 })).body.points).toBe(25);
    const noHours = await award({ ruleId: 'volunteer-hour', activityRef: 'VT-2' });
    expect([noHours.status, noHours.body.error.code]).toEqual([422, 'points.hours-required']);
    expect((await award({ ruleId: 'no-such-rule', activityRef: 'X' })).body.error.code).toBe('points.unknown-rule');
    expect((await award({ ruleId: 'meeting-attendance', activityRef: 'CO-2', points: 999 })).status).toBe(400);
    expect((await account()).balance).toBe(27);
  });

  it('lets a county admin change a rule (audited), and nobody else', async () => {
    const rule = { title: { 'zh-CN': '志愿服务时长（每小时）', en: 'Volunteer service (per hour)' }, unit: 'hour', points: 12, enabled: true };
    expect((await t.api('PUT', '/api/points/rules/volunteer-hour', { token: officer, body: rule })).status).toBe(403);
    expect((await t.api('PUT', '/api/points/rules/volunteer-hour', { token: admin, body: rule })).status).toBe(200);
    expect((await award({ ruleId: 'volunteer-hour', activityRef: 'VT-3', hours: 1 })).body.points).toBe(12);
    const audit = await t.db.knex('audit_log').where({ action: 'points.rule-saved' }).first('detail');
    expect(JSON.parse((audit as { detail: string }).detail)).toMatchObject({ rule: 'volunteer-hour', before: { points: 10 }, after: { points: 12 } });
  });

  it('keeps accounts to their owner and the staff whose scope holds them', async () => {
    expect((await t.api('GET', '/api/points/accounts/u-res', { token: resident })).status).toBe(200);
    expect((await t.api('GET', '/api/points/accounts/u-res-west', { token: resident })).status).toBe(404);
    expect((await t.api('GET', '/api/points/accounts/u-res', { token: westReviewer })).status).toBe(404);
    expect((await award({ ruleId: 'meeting-attendance', activityRef: 'CO-9' }, resident)).status).toBe(403);
    expect((await award({ ruleId: 'meeting-attendance', activityRef: 'CO-9' }, officer, 'u-res-west')).status).toBe(404);
  });

  it('redeems from the catalogue of the resident’s community: one of two racing redemptions of the last item wins, balance and stock never below zero', async () => {
    const outside = await t.api('POST', '/api/points/rewards', { token: officer, body: { orgPath: '/510722/510722200/510722200001', name: { 'zh-CN': '米', en: 'Rice' }, cost: 5 } });
    expect([outside.status, outside.body.error.code]).toEqual([403, 'org.out-of-scope']);
    const r = await t.api('POST', '/api/points/rewards', { token: officer, body: { orgPath: COMMUNITY, name: { 'zh-CN': '洗衣液', en: 'Detergent' }, cost: 10, stock: 1 } });
    expect(r.status).toBe(201);
    expect((await t.api('GET', '/api/points/rewards', { token: resident })).body.items.map((x: { id: string }) => x.id)).toContain(r.body.id);
    const before = (await account()).balance;
    const both = await Promise.all([0, 1].map(() => t.api('POST', '/api/points/accounts/u-res/redemptions', { token: officer, body: { rewardId: r.body.id } })));
    expect(both.map((x) => x.status).sort()).toEqual([201, 409]);
    expect(both.find((x) => x.status === 409)!.body.error.code).toBe('points.out-of-stock');
    expect((await account()).balance).toBe(before - 10);
    const big = await t.api('POST', '/api/points/rewards', { token: officer, body: { orgPath: COMMUNITY, name: { 'zh-CN': '电饭煲', en: 'Rice cooker' }, cost: 5000 } });
    const poor = await t.api('POST', '/api/points/accounts/u-res/redemptions', { token: officer, body: { rewardId: big.body.id } });
    expect([poor.status, poor.body.error.code]).toEqual([409, 'points.insufficient']);
    expect(await t.db.knex('points_rewards').where({ id: r.body.id }).first('stock')).toMatchObject({ stock: 0 });
  });

  it('reverses an entry once, with a reason: a refund returns the stock; taking back spent points is refused', async () => {
    const acc = await account();
    const redemption = acc.entries.find((e) => e.kind === 'redeem')!;
    const rev = await t.api('POST', `/api/points/accounts/u-res/entries/${redemption.id}/reverse`, { token: officer, body: { reason: '物品有质量问题，退还积分' } });
    expect(rev.status).toBe(201);
    expect(rev.body.points).toBe(10);
    const twice = await t.api('POST', `/api/points/accounts/u-res/entries/${redemption.id}/reverse`, { token: officer, body: { reason: '重复' } });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'points.already-reversed']);
    const after = await account();
    expect(after.balance).toBe(acc.balance + 10);
    expect(after.entries.find((e) => e.id === redemption.id)!.reversed).toBe(true);
    // spend almost everything, then try to take back the 25-point award
    const all = await t.api('POST', '/api/points/rewards', { token: officer, body: { orgPath: COMMUNITY, name: { 'zh-CN': '购物卡', en: 'Card' }, cost: after.balance - 1 } });
    expect((await t.api('POST', '/api/points/accounts/u-res/redemptions', { token: officer, body: { rewardId: all.body.id } })).status).toBe(201);
    const hours = after.entries.find((e) => e.points === 25)!;
    const back = await t.api('POST', `/api/points/accounts/u-res/entries/${hours.id}/reverse`, { token: officer, body: { reason: '时长记录有误' } });
    expect([back.status, back.body.error.code]).toEqual([409, 'points.insufficient']);
    expect((await account()).balance).toBe(1);
    const unknown = await t.api('POST', '/api/points/accounts/u-res/entries/nope/reverse', { token: officer, body: { reason: '无此记录' } });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'points.unknown-entry']);
  });

  it('lets staff edit and withdraw the rewards of their own catalogues only (audited)', async () => {
    const mine = (await t.api('POST', '/api/points/rewards', { token: officer, body: { orgPath: COMMUNITY, name: { 'zh-CN': '毛巾', en: 'Towel' }, cost: 8, stock: 5 } })).body as { id: string };
    const west = (await t.api('POST', '/api/points/rewards', { token: admin, body: { orgPath: '/510722/510722200/510722200001', name: { 'zh-CN': '米', en: 'Rice' }, cost: 5 } })).body as { id: string };
    const patch = (id: string, body: unknown, token = officer) => t.api('PATCH', `/api/points/rewards/${id}`, { token, body });
    const edited = await patch(mine.id, { name: { 'zh-CN': '纯棉毛巾', en: 'Cotton towel' }, cost: 9, stock: null });
    expect([edited.status, edited.body.name['zh-CN'], edited.body.cost, edited.body.stock, edited.body.enabled]).toEqual([200, '纯棉毛巾', 9, null, true]);
    expect((await patch(mine.id, { enabled: false })).body.enabled).toBe(false);
    // withdrawn: residents no longer see it, staff still do, and it cannot be redeemed
    expect((await t.api('GET', '/api/points/rewards', { token: resident })).body.items.map((x: { id: string }) => x.id)).not.toContain(mine.id);
    const managed = (await t.api('GET', '/api/points/rewards/managed', { token: officer })).body.items as Array<{ id: string; enabled: boolean }>;
    expect(managed.find((x) => x.id === mine.id)?.enabled).toBe(false);
    expect(managed.map((x) => x.id)).not.toContain(west.id);
    const withdrawn = await t.api('POST', '/api/points/accounts/u-res/redemptions', { token: officer, body: { rewardId: mine.id } });
    expect([withdrawn.status, withdrawn.body.error.code]).toEqual([422, 'points.unknown-reward']);
    // another community's reward is unknown to this officer; an empty edit or a bad cost is the caller's error
    const elsewhere = await patch(west.id, { cost: 1 });
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([422, 'points.unknown-reward']);
    expect((await patch(mine.id, {})).status).toBe(400);
    expect((await patch(mine.id, { cost: 0 })).status).toBe(400);
    expect((await patch(mine.id, { enabled: true }, resident)).status).toBe(403);
    const audit = await t.db.knex('audit_log').where({ action: 'points.reward-updated' }).orderBy('seq').first('detail');
    expect(JSON.parse((audit as { detail: string }).detail)).toMatchObject({ reward: mine.id, before: { cost: 8, stock: 5 }, after: { cost: 9, stock: null, name: '纯棉毛巾' } });
  });

  it('audits every change in the hash chain', async () => {
    const rows = (await t.db.knex('audit_log').where('action', 'like', 'points.%').select('action')) as Array<{ action: string }>;
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(['points.awarded', 'points.rule-saved', 'points.reward-created', 'points.redeemed', 'points.reversed', 'points.reward-updated']));
    expect((await t.api('GET', '/api/audit/verify', { token: admin })).body.ok).toBe(true);
  });
});
