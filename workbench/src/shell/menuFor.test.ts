import { describe, expect, it } from 'vitest';
import { menuFor } from './menuFor.ts';
import { safeNext } from './LoginPage.tsx';
import { selectedMenu } from './ShellLayout.tsx';

describe('the menu by role', () => {
  it('gives residents only home, to do, started by me and start (domain/screens.md)', () => {
    expect(menuFor(['resident']).map((i) => i.path)).toEqual(['/', '/tasks', '/cases/mine', '/start']);
  });
  it('gives a township reviewer oversight and the audit log, a county admin the designer too', () => {
    const reviewer = menuFor(['township-reviewer']).map((i) => i.path);
    expect(reviewer).toEqual(expect.arrayContaining(['/oversight', '/audit', '/cases', '/inbox']));
    expect(reviewer).not.toContain('/designer');
    expect(menuFor(['county-admin']).map((i) => i.path)).toContain('/designer');
    expect(menuFor(['grid-worker']).map((i) => i.path)).not.toContain('/oversight');
  });
  it('offers 系统管理: registries to staff serving residents, import and export to county admins', () => {
    expect(menuFor(['grid-worker']).map((i) => i.path)).toEqual(expect.arrayContaining(['/admin/residents', '/admin/devices']));
    expect(menuFor(['grid-worker']).map((i) => i.path)).not.toContain('/admin/import');
    expect(menuFor(['county-admin']).map((i) => i.path)).toContain('/admin/import');
    expect(menuFor(['mediator', 'resident']).map((i) => i.path)).not.toContain('/admin/residents');
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
