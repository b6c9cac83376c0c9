import { describe, expect, it } from 'vitest';
import { menuFor } from './menuFor.ts';
import { safeNext } from './LoginPage.tsx';
import { selectedMenu } from './ShellLayout.tsx';

describe('the menu by role', () => {
  it('gives residents only home, to do, started by me, start (domain/screens.md) and their points (issue 13)', () => {
    expect(menuFor(['resident']).map((i) => i.path)).toEqual(['/', '/tasks', '/cases/mine', '/start', '/points']);
    expect(menuFor(['volunteer']).map((i) => i.path)).toContain('/points');
    expect(menuFor(['resident']).map((i) => i.path)).not.toContain('/points/manage');
  });

  it('gives 积分管理 to the staff who keep the ledger only (community and above)', () => {
    for (const r of ['community-officer', 'community-secretary', 'township-admin', 'county-admin']) expect(menuFor([r]).map((i) => i.path)).toContain('/points/manage');
    for (const r of ['grid-worker', 'township-reviewer', 'volunteer-organiser']) expect(menuFor([r]).map((i) => i.path)).not.toContain('/points/manage');
  });
  it('gives a township reviewer oversight and the audit log, a county admin the designer too', () => {
    const reviewer = menuFor(['township-reviewer']).map((i) => i.path);
    expect(reviewer).toEqual(expect.arrayContaining(['/oversight', '/audit', '/cases', '/inbox']));
    expect(reviewer).not.toContain('/designer');
    expect(menuFor(['county-admin']).map((i) => i.path)).toContain('/designer');
    expect(menuFor(['grid-worker']).map((i) => i.path)).not.toContain('/oversight');
  });
  it('gives county admins 系统管理 with its screens as children, and nobody else', () => {
    const admin = menuFor(['county-admin']).find((i) => i.path === '/admin');
    expect(admin?.label).toBe('admin.menu');
    expect(admin?.children?.map((c) => c.path)).toEqual(expect.arrayContaining(['/admin/org', '/admin/users', '/admin/audit']));
    // a township reviewer reads the registries there and keeps the consent registry of the township
    expect(menuFor(['township-reviewer']).find((i) => i.path === '/admin')?.children?.map((c) => c.path)).toEqual(['/admin/residents', '/admin/devices', '/admin/consents']);
    expect(menuFor(['grid-worker']).find((i) => i.path === '/admin')?.children?.map((c) => c.path)).not.toContain('/admin/consents');
    expect(menuFor(['resident']).some((i) => i.path === '/admin')).toBe(false);
  });
  it('offers 系统管理: registries to staff serving residents, import and export to county admins', () => {
    const paths = (roles: string[]) => menuFor(roles).flatMap((i) => [i.path, ...(i.children ?? []).map((c) => c.path)]);
    expect(paths(['grid-worker'])).toEqual(expect.arrayContaining(['/admin/residents', '/admin/devices']));
    expect(paths(['grid-worker'])).not.toContain('/admin/import');
    expect(paths(['grid-worker'])).not.toContain('/admin/users');
    expect(paths(['county-admin'])).toContain('/admin/import');
    expect(paths(['mediator', 'resident'])).not.toContain('/admin/residents');
  });
  it('selects the longest matching entry', () => {
    expect(selectedMenu(['/', '/tasks', '/tasks/done', '/cases', '/cases/mine'], '/tasks/done')).toBe('/tasks/done');
    expect(selectedMenu(['/', '/cases', '/cases/mine'], '/cases/abc')).toBe('/cases');
  });
});

describe('the way back after login', () => {
  it('follows only same-site paths', () => {
    expect(safeNext('/tasks?tab=overdue')).toBe('/tasks?tab=overdue');
    for (const bad of ['//evil.example/x', 'https://evil.example', '/login?next=/x', null]) expect(safeNext(bad)).toBe('/');
  });
});
