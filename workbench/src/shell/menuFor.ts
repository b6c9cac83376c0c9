/**
 * The menu by role (domain/screens.md): residents, volunteers and providers get only 工作台,
 * 我的待办, 我发起的 and 发起事项; leads and supervisors get 督办中心; auditors the audit log;
 * county admins the designer. The server enforces the same rules; the menu only hides what would 403.
 */

import { adminRoles, adminScreens } from '../admin/adminScreens.tsx';
import { pointsManagerRoles } from '../community/pointsQueries.ts';

/** One menu entry: a route and its i18n key; a group (系统管理) has children instead of its own page. */
export interface MenuItem { path: string; label: string; children?: MenuItem[] }

const citizenRoles = ['resident', 'volunteer', 'provider'];
/** Roles that see 督办中心 (oversight). */
export const oversightRoles = ['township-reviewer', 'county-dispatcher', 'county-admin'];
/** Roles that read the audit log (as the server's `read Audit` rule). */
export const auditRoles = ['county-admin', 'county-dispatcher', 'township-reviewer'];


/** The menu for a user holding `roles`. */
export function menuFor(roles: string[]): MenuItem[] {
  const staff = roles.some((r) => !citizenRoles.includes(r));
  const items: MenuItem[] = [{ path: '/', label: 'menu.home' }, { path: '/tasks', label: 'menu.todo' }];
  if (staff) items.push({ path: '/tasks/done', label: 'menu.done' });
  items.push({ path: '/cases/mine', label: 'menu.startedByMe' });
  if (staff) items.push({ path: '/inbox', label: 'menu.copied' });
  items.push({ path: '/start', label: 'menu.start' });
  // 积分: every resident and volunteer has an account (staff open a resident's from there)
  items.push({ path: '/points', label: 'menu.points' });
  if (roles.some((r) => pointsManagerRoles.includes(r))) items.push({ path: '/points/manage', label: 'menu.pointsManage' });
  if (staff) items.push({ path: '/cases', label: 'menu.cases' });
  if (roles.some((r) => oversightRoles.includes(r))) items.push({ path: '/oversight', label: 'menu.oversight' });
  if (roles.some((r) => auditRoles.includes(r))) items.push({ path: '/audit', label: 'menu.audit' });
  if (roles.includes('county-admin')) items.push({ path: '/designer', label: 'menu.designer' });
  const admin = adminScreens.filter((s) => roles.some((r) => (s.roles ?? adminRoles).includes(r)));
  if (admin.length) items.push({ path: '/admin', label: 'admin.menu', children: admin.map((s) => ({ path: `/admin/${s.path}`, label: s.label })) });
  return items;
}
