import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';
import { verifyAudit } from '../audit/KnexAuditLog.ts';

const EAST = '/510722/510722100';
const XINGFU = '/510722/510722100/510722100001';
const report = { description: '路灯损坏', reporterName: '张三丰', reporterPhone: '13812341234', idNumber: '51072219800101108X', address: '幸福路12号' };

describe.each(testDialects)('系统管理 API on %s', (dialect) => {
  let t: TestRuntime;
  let admin: string;
  beforeAll(async () => { t = await createTestRuntime(dialect); admin = await t.token('admin'); }, 120_000);
  afterAll(async () => t.close());

  const post = (path: string, body: unknown, token = admin) => t.api('POST', path, { token, body });

  it('refuses everyone but admins before any lookup', async () => {
    const reviewer = await t.token('reviewer.east');
    expect((await t.api('GET', '/api/admin/org-units', { token: reviewer })).status).toBe(403);
    expect((await post('/api/admin/org-units', { parentCode: '510722100001', name: 'x' }, reviewer)).body.error.code).toBe('authz.forbidden');
  });

  it('creates units with checked codes: the next free grid sequence, or a given code', async () => {
    const g = await post('/api/admin/org-units', { parentCode: '510722100002', name: '和平村第二网格' });
    expect(g.status, JSON.stringify(g.body)).toBe(201);
    expect(g.body).toMatchObject({ code: '510722100002002', level: 'grid', path: '/510722/510722100/510722100002/510722100002002', version: 1 });
    const c = await post('/api/admin/org-units', { parentCode: '510722100', name: '新华社区', code: '510722100003' });
    expect(c.body).toMatchObject({ level: 'community', code: '510722100003' });
    const bad = [
      [{ parentCode: '510722100002', name: 'x', code: '510722100002000' }, 422, 'org.code-invalid', '/code'],
      [{ parentCode: '510722100002', name: 'x', code: '510722100001005' }, 422, 'org.code-invalid', '/code'],
      [{ parentCode: '510722100002', name: 'x', code: '510722100002002' }, 409, 'org.code-taken', '/code'],
      [{ parentCode: '510722999', name: 'x' }, 422, 'org.parent-not-found', '/parentCode'],
      [{ parentCode: '510722100', name: 'x', level: 'grid' }, 422, 'org.level-invalid', '/level'],
      [{ parentCode: '510722100001001', name: '楼栋' }, 422, 'org.level-invalid', '/level'],
      [{ parentCode: '510722100', name: '   ' }, 422, 'org.name-invalid', '/name'],
    ] as const;
    for (const [body, status, code, path] of bad) {
      const r = await post('/api/admin/org-units', body);
      expect([r.status, r.body.error.code, r.body.error.details.path], JSON.stringify(body)).toEqual([status, code, path]);
    }
  });

  it('renames with expectedVersion; a stale version is 409 with the current one', async () => {
    const r = await t.api('PATCH', '/api/admin/org-units/510722100002', { token: admin, body: { name: '和平社区', expectedVersion: 1 } });
    expect(r.body).toMatchObject({ name: '和平社区', version: 2 });
    const stale = await t.api('PATCH', '/api/admin/org-units/510722100002', { token: admin, body: { name: '和平村', expectedVersion: 1 } });
    expect([stale.status, stale.body.error.code, stale.body.error.details.currentVersion]).toEqual([409, 'org.version-conflict', 2]);
  });

  it('refuses a move under the unit’s own descendant, and to the parent it already has', async () => {
    const cycle = await post('/api/admin/org-units/510722100/move', { parentCode: '510722100001' });
    expect([cycle.status, cycle.body.error.code]).toEqual([422, 'org.move-cycle']);
    const same = await post('/api/admin/org-units/510722100001/move', { parentCode: '510722100' });
    expect(same.body.error.code).toBe('org.move-same-parent');
    const root = await post('/api/admin/org-units/510722/retire', {});
    expect(root.body.error.code).toBe('org.is-root');
  });

  it('moves a community to another township: codes, people, cases, tasks and snapshots follow', async () => {
    const grid = await t.token('grid1');
    const created = await post('/api/cases', { definitionId: 'tiny-incident', orgPath: GRID1, data: report }, grid);
    expect(created.status).toBe(201);
    const moved = await post('/api/admin/org-units/510722100001/move', { parentCode: '510722200', expectedVersion: 1 });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const newGrid = '/510722/510722200/510722200002/510722200002001';
    expect(moved.body.unit).toMatchObject({ code: '510722200002', path: '/510722/510722200/510722200002' });
    expect(moved.body.moved[GRID1]).toBe(newGrid);
    const c = await t.api('GET', `/api/cases/${created.body.id}`, { token: await t.token('reviewer.west') });
    expect(c.status).toBe(200);
    expect(c.body.orgPath).toBe(newGrid);
    // the grid worker came along (home org and role), and their old token still works
    const me = await t.api('GET', '/api/me', { token: grid });
    expect(me.body).toMatchObject({ orgPath: newGrid, roles: [{ role: 'grid-worker', orgPath: newGrid }] });
    // the case still runs: the officer (moved with the community) accepts on the rewritten snapshot
    const officer = await t.token('officer');
    const mine = await t.api('GET', '/api/tasks/mine?status=pending', { token: officer });
    const task = mine.body.items.find((x: { caseId: string }) => x.caseId === created.body.id);
    expect(task.orgPath).toBe(newGrid);
    const done = await post(`/api/tasks/${task.id}/complete`, { outcome: 'accept', data: { note: '已受理' } }, officer);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const review = await t.api('GET', '/api/tasks/mine?status=pending', { token: await t.token('reviewer.west') });
    expect(review.body.items.some((x: { caseId: string }) => x.caseId === created.body.id)).toBe(true);
    // move it back for the tests below
    const back = await post('/api/admin/org-units/510722200002/move', { parentCode: '510722100', newCode: '510722100001' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
  });

  it('a township admin manages only their subtree and cannot grant a role above their own', async () => {
    const created = await post('/api/admin/users', { username: 'tadmin', name: '东城镇管理员', orgPath: EAST, password: 'Start1234', mustChangePassword: false, roles: [{ role: 'county-admin', orgPath: EAST }] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ta = await t.token('tadmin', 'Start1234');
    const users = await t.api('GET', '/api/admin/users?limit=200', { token: ta });
    expect(users.body.items.length).toBeGreaterThan(0);
    expect(users.body.items.every((u: { orgPath: string }) => u.orgPath.startsWith(EAST))).toBe(true);
    const above = await post('/api/admin/users', { username: 'extra1', name: '甲', orgPath: EAST, roles: [{ role: 'county-dispatcher', orgPath: '/510722' }] }, ta);
    expect([above.status, above.body.error.code]).toEqual([403, 'user.role-above-own']);
    const aboveRole = await post('/api/admin/users', { username: 'extra1', name: '甲', orgPath: EAST, roles: [{ role: 'county-dispatcher', orgPath: EAST }] }, ta);
    expect([aboveRole.status, aboveRole.body.error.code, aboveRole.body.error.details.path]).toEqual([403, 'user.role-above-own', '/roles/0']);
    expect((await t.api('GET', '/api/admin/users?q=reviewer.west', { token: ta })).body.items).toEqual([]);
    const west = await post('/api/admin/users/u-rev-west/status', { disabled: true }, ta);
    expect([west.status, west.body.error.code]).toEqual([404, 'user.not-found']);
    const peer = await post('/api/admin/users', { username: 'extra3', name: '丁', orgPath: EAST, roles: [{ role: 'county-admin', orgPath: EAST }] }, ta);
    expect(peer.body.error.code).toBe('user.role-above-own');
    const fine = await post('/api/admin/users', { username: 'extra4', name: '戊', orgPath: EAST, roles: [{ role: 'township-reviewer', orgPath: EAST }] }, ta);
    expect(fine.status, JSON.stringify(fine.body)).toBe(201);
    const outside = await post('/api/admin/users', { username: 'extra5', name: '己', orgPath: '/510722/510722200' }, ta);
    expect([outside.status, outside.body.error.code]).toEqual([403, 'org.out-of-scope']);
    const unknown = await post('/api/admin/users', { username: 'extra2', name: '乙', orgPath: EAST, roles: [{ role: 'king', orgPath: EAST }] }, ta);
    expect(unknown.body.error.code).toBe('user.role-unknown');
    const dup = await post('/api/admin/users', { username: 'grid1', name: '丙', orgPath: EAST }, ta);
    expect([dup.status, dup.body.error.code]).toEqual([409, 'user.username-taken']);
  });

  it('two admins editing one user: the second gets 409 with the current version', async () => {
    const u = await post('/api/admin/users', { username: 'officer2', name: '社工乙', orgPath: XINGFU, password: 'Start1234', mustChangePassword: false, roles: [{ role: 'community-officer', orgPath: XINGFU }] });
    expect(u.body.version).toBe(1);
    const first = await t.api('PATCH', `/api/admin/users/${u.body.id}`, { token: admin, body: { name: '社工乙（新）', expectedVersion: 1 } });
    expect(first.body).toMatchObject({ name: '社工乙（新）'.normalize('NFKC'), version: 2 });
    const second = await t.api('PATCH', `/api/admin/users/${u.body.id}`, { token: await t.token('tadmin', 'Start1234'), body: { name: '社工乙', expectedVersion: 1 } });
    expect([second.status, second.body.error.code, second.body.error.details.currentVersion]).toEqual([409, 'user.version-conflict', 2]);
  });

  it('disabling a user ends their sessions at once; re-enabling lets them log in again', async () => {
    const token = await t.token('grid2');
    expect((await t.api('GET', '/api/tasks', { token })).status).toBe(200);
    const off = await post('/api/admin/users/u-grid2/status', { disabled: true });
    expect(off.body).toMatchObject({ disabled: true });
    const r = await t.api('GET', '/api/tasks', { token });
    expect([r.status, r.body.error.code]).toEqual([401, 'auth.token-revoked']);
    expect((await t.api('POST', '/api/auth/login', { body: { username: 'grid2', password: 'Tongban@2025' } })).status).toBe(401);
    await post('/api/admin/users/u-grid2/status', { disabled: false });
    expect((await t.api('POST', '/api/auth/login', { body: { username: 'grid2', password: 'Tongban@2025' } })).status).toBe(200);
    const self = await post('/api/admin/users/u-admin/status', { disabled: true });
    expect(self.body.error.code).toBe('user.self-change');
  });

  it('a reset password must be changed before anything else', async () => {
    const reset = await post('/api/admin/users/u-leader/reset-password', { password: 'Temp12345' });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    const login = await t.api('POST', '/api/auth/login', { body: { username: 'leader', password: 'Temp12345' } });
    expect([login.status, login.body.error.code]).toEqual([403, 'auth.password-change-required']);
    const limited = login.body.error.details.token as string;
    expect((await t.api('GET', '/api/tasks', { token: limited })).body.error.code).toBe('auth.password-change-required');
    expect((await post('/api/me/password', { current: 'Temp12345', next: 'Mine12345' }, limited)).status).toBe(200);
    expect((await t.api('POST', '/api/auth/login', { body: { username: 'leader', password: 'Mine12345' } })).status).toBe(200);
    const generated = await post('/api/admin/users/u-leader/reset-password', {});
    expect(generated.body.temporaryPassword).toMatch(/^Tb.{12}9$/);
  });

  it('role assignments with a validity period: an expired one grants nothing', async () => {
    const now = Date.now();
    const r = await t.api('PUT', '/api/admin/users/u-grid3/roles', { token: admin, body: { roles: [
      { role: 'grid-worker', orgPath: '/510722/510722200/510722200001/510722200001001' },
      { role: 'township-reviewer', orgPath: '/510722/510722200', validFrom: now - 86_400_000, validUntil: now - 1000 },
    ] } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.roles.map((g: { role: string; active: boolean }) => [g.role, g.active])).toEqual([['grid-worker', true], ['township-reviewer', false]]);
    const me = await t.api('GET', '/api/me', { token: await t.token('grid3') });
    expect(me.body.roles.map((g: { role: string }) => g.role)).toEqual(['grid-worker']);
    const bad = await t.api('PUT', '/api/admin/users/u-grid3/roles', { token: admin, body: { roles: [{ role: 'grid-worker', orgPath: '/510722/510722200', validFrom: now, validUntil: now }] } });
    expect([bad.body.error.code, bad.body.error.details.path]).toEqual(['user.validity-invalid', '/roles/0/validUntil']);
  });

  it('moving a worker: their open task stays with them, or returns to the group', async () => {
    const grid = await t.token('grid1');
    const mk = async () => (await post('/api/cases', { definitionId: 'tiny-incident', orgPath: GRID1, data: report }, grid)).body.id as string;
    const [stayCase, returnCase] = [await mk(), await mk()];
    const officer = await t.token('officer');
    const mine = (await t.api('GET', '/api/tasks?status=pending&limit=200', { token: officer })).body.items as Array<{ id: string; caseId: string }>;
    for (const id of [stayCase, returnCase]) {
      const task = mine.find((x) => x.caseId === id)!;
      const claim = await post(`/api/tasks/${task.id}/claim`, {}, officer);
      expect(claim.status, JSON.stringify(claim.body)).toBe(200);
    }
    const stay = await post('/api/admin/users/u-officer/move', { orgPath: '/510722/510722100/510722100002', tasks: 'stay' });
    expect(stay.body).toMatchObject({ tasks: 'stay', released: [] });
    const kept = await t.api('GET', '/api/tasks/mine?status=pending&limit=200', { token: await t.token('officer') });
    expect(kept.body.items.filter((x: { caseId: string }) => [stayCase, returnCase].includes(x.caseId))).toHaveLength(2);
    // back, then away again with return-to-group: the task goes back to 幸福社区's officers (officer2 now)
    await post('/api/admin/users/u-officer/move', { orgPath: XINGFU, tasks: 'stay' });
    const offeredCase = await mk(); // unclaimed: offered to officer and officer2
    const gone = await post('/api/admin/users/u-officer/move', { orgPath: '/510722/510722100/510722100002', tasks: 'return-to-group' });
    expect(gone.status, JSON.stringify(gone.body)).toBe(200);
    expect(gone.body.released).toHaveLength(2);
    const o2 = await t.token('officer2', 'Start1234');
    const queue = await t.api('GET', '/api/tasks?status=pending&limit=200', { token: o2 });
    const back = queue.body.items.find((x: { caseId: string }) => x.caseId === returnCase);
    expect(back).toMatchObject({ assignee: null });
    const left = await t.api('GET', '/api/tasks/mine?status=pending&limit=200', { token: await t.token('officer') });
    expect(left.body.items.some((x: { caseId: string }) => x.caseId === returnCase)).toBe(false);
    // the old community's unclaimed offer no longer names the officer who left
    const offered = (await t.db.knex('task_candidates').where({ case_id: offeredCase })).map((r: { user_id: string }) => r.user_id);
    expect(offered).toEqual([expect.stringMatching(/officer2/)]);
  });

  it('a move whose task release fails leaves neither half: the worker, their roles and tasks stay as they were', async () => {
    await post('/api/admin/users/u-officer/move', { orgPath: XINGFU, tasks: 'stay' });
    const grid = await t.token('grid1');
    const caseId = (await post('/api/cases', { definitionId: 'tiny-incident', orgPath: GRID1, data: report }, grid)).body.id as string;
    const officer = await t.token('officer');
    const task = ((await t.api('GET', '/api/tasks?status=pending&limit=200', { token: officer })).body.items as Array<{ id: string; caseId: string }>).find((x) => x.caseId === caseId)!;
    expect((await post(`/api/tasks/${task.id}/claim`, {}, officer)).status).toBe(200);
    const knex = t.db.knex;
    const snapshot = async () => ({
      user: await knex('users').where({ id: 'u-officer' }).first('org_path', 'version'),
      roles: await knex('role_assignments').where({ user_id: 'u-officer' }).orderBy('id').select('role', 'org_path'),
      task: await knex('tasks').where({ id: task.id }).first('assignee', 'status'),
      caseVersion: (await knex('cases').where({ id: caseId }).first('version')).version,
      moves: Number((await knex('audit_log').where({ action: 'admin.user.move' }).count({ n: '*' }))[0]!.n),
    });
    const before = await snapshot();
    // the store refuses the release's event row: a failure inside the case write, after the move's own writes
    if (dialect === 'sqlite') await knex.raw("CREATE TRIGGER inject_release BEFORE INSERT ON case_events WHEN NEW.type = 'task.released' BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    else await knex.raw("CREATE TRIGGER inject_release BEFORE INSERT ON case_events FOR EACH ROW BEGIN IF NEW.type = 'task.released' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure'; END IF; END");
    try {
      const failed = await post('/api/admin/users/u-officer/move', { orgPath: '/510722/510722100/510722100002', tasks: 'return-to-group' });
      expect(failed.status).toBe(500);
      expect(await snapshot()).toEqual(before);
      expect(before.task).toMatchObject({ assignee: 'u-officer' });
    } finally {
      await knex.raw('DROP TRIGGER inject_release');
    }
    // without the fault the same move commits both halves
    const ok = await post('/api/admin/users/u-officer/move', { orgPath: '/510722/510722100/510722100002', tasks: 'return-to-group', expectedVersion: Number(before.user.version) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.released).toContain(task.id);
    const after = await snapshot();
    expect(after.user.org_path).toBe('/510722/510722100/510722100002');
    expect(after.task.assignee).toBeNull();
    expect(after.moves).toBe(before.moves + 1);
  });

  it('an admin sees, adds and removes a user’s OIDC identity links; scoped, audited, a subject never taken from another user', async () => {
    const path = '/api/admin/users/u-grid1/identity-links';
    expect((await t.api('GET', path, { token: admin })).body).toEqual({ items: [] });
    const added = await post(path, { provider: 'county-idp', subject: 'sub-0001' });
    expect([added.status, added.body]).toEqual([200, { items: [{ provider: 'county-idp', subject: 'sub-0001' }] }]);
    expect((await post(path, { provider: 'county-idp', subject: 'sub-0001' })).body.items).toHaveLength(1); // idempotent
    expect(await t.rt.identity.linkedUser('county-idp', 'sub-0001')).toBe('u-grid1');
    const taken = await post('/api/admin/users/u-officer/identity-links', { provider: 'county-idp', subject: 'sub-0001' });
    expect([taken.status, taken.body.error.code, taken.body.error.details.path]).toEqual([409, 'user.identity-taken', '/subject']);
    const bad = await post(path, { provider: 'county idp', subject: '' });
    expect(bad.status).toBe(400);
    const ta = await t.token('tadmin', 'Start1234'); // the east township's admin (created above)
    expect((await t.api('GET', '/api/admin/users/u-rev-west/identity-links', { token: ta })).body.error.code).toBe('user.not-found');
    expect((await t.api('GET', path, { token: await t.token('reviewer.east') })).status).toBe(403);
    const removed = await post(`${path}/remove`, { provider: 'county-idp', subject: 'sub-0001' });
    expect(removed.body).toEqual({ items: [] });
    expect(await t.rt.identity.linkedUser('county-idp', 'sub-0001')).toBeUndefined();
    const audit = (await t.db.knex('audit_log').whereIn('action', ['admin.user.link-identity', 'admin.user.unlink-identity']).orderBy('seq')) as Array<{ action: string; detail: string }>;
    expect(audit.map((a) => [a.action, JSON.parse(a.detail)])).toEqual([
      ['admin.user.link-identity', { userId: 'u-grid1', provider: 'county-idp', subject: 'sub-0001' }], ['admin.user.unlink-identity', { userId: 'u-grid1', provider: 'county-idp', subject: 'sub-0001' }]]);
  });

  it('retiring a unit with open cases lists them, or hands them to a chosen unit', async () => {
    const refused = await post('/api/admin/org-units/510722100001001/retire', {});
    expect([refused.status, refused.body.error.code]).toEqual([409, 'org.has-members']);
    await post('/api/admin/users/u-grid1/move', { orgPath: '/510722/510722100/510722100001/510722100001002', tasks: 'stay' });
    const listed = await post('/api/admin/org-units/510722100001001/retire', {});
    expect([listed.status, listed.body.error.code]).toEqual([409, 'org.has-open-cases']);
    expect(listed.body.error.details.cases.length).toBeGreaterThan(0);
    const handed = await post('/api/admin/org-units/510722100001001/retire', { handToCode: '510722100001002' });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect(handed.body.handedOver.length).toBe(listed.body.error.details.total);
    const c = await t.api('GET', `/api/cases/${handed.body.handedOver[0]}`, { token: admin });
    expect(c.body.orgPath).toBe('/510722/510722100/510722100001/510722100001002');
    const tree = await t.api('GET', '/api/admin/org-units', { token: admin });
    expect(tree.body.items.some((u: { code: string }) => u.code === '510722100001001')).toBe(false);
    expect(tree.body.items.find((u: { code: string }) => u.code === '510722100001002').openCases).toBe(listed.body.error.details.total);
    const again = await post('/api/admin/org-units/510722100001001/retire', {});
    expect(again.body.error.code).toBe('org.retired');
    const newCase = await post('/api/cases', { definitionId: 'tiny-incident', orgPath: GRID1, data: report }, await t.token('officer2', 'Start1234'));
    expect([newCase.status, newCase.body.error.code]).toEqual([404, 'org.not-found']);
  });

  it('merges two grids and records every change in the admin audit, chain intact', async () => {
    const m = await post('/api/admin/org-units/510722100002002/merge', { intoCode: '510722100002001' });
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    const notGrid = await post('/api/admin/org-units/510722100002/merge', { intoCode: '510722100002001' });
    expect(notGrid.body.error.code).toBe('org.merge-invalid');
    const audit = await t.api('GET', '/api/admin/audit?limit=200', { token: admin });
    const actions = new Set(audit.body.items.map((e: { action: string }) => e.action));
    for (const a of ['admin.org.create', 'admin.org.rename', 'admin.org.move', 'admin.org.retire', 'admin.org.merge', 'admin.user.create', 'admin.user.update', 'admin.user.disable', 'admin.user.enable', 'admin.user.reset-password', 'admin.user.roles', 'admin.user.move']) {
      expect(actions.has(a), a).toBe(true);
    }
    expect(audit.body.items.every((e: { action: string }) => e.action.startsWith('admin.'))).toBe(true);
    // every change is said in words, units by name rather than by code
    expect(audit.body.items.filter((e: { summary: unknown }) => !e.summary).map((e: { action: string }) => e.action)).toEqual([]);
    const name = async (code: string) => ((await t.db.knex('org_units').where({ code }).first('name')) as { name: string }).name;
    expect(audit.body.items.find((e: { action: string }) => e.action === 'admin.org.merge').summary['zh-CN'])
      .toBe(`${await name('510722100002002')} 并入 ${await name('510722100002001')}`);
    expect(await verifyAudit(t.db.knex)).toMatchObject({ ok: true });
  });
});
