/**
 * 系统管理's screens as data: the menu entries and the routes under /admin come from this one list,
 * so another screen (residents, devices, import) is one more line here, not an edit of the shell.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** One admin screen: its path under /admin, its i18n label, its lazily loaded page. */
export interface AdminScreen { path: string; label: string; page: LazyExoticComponent<ComponentType> }

/** Roles that see 系统管理 (as the server's admin rule: a county-admin assignment, at any level). */
export const adminRoles = ['county-admin'];

export const adminScreens: AdminScreen[] = [
  { path: 'org', label: 'admin.menu.org', page: lazy(() => import('./OrgTreePage.tsx')) },
  { path: 'users', label: 'admin.menu.users', page: lazy(() => import('./UsersPage.tsx')) },
  { path: 'audit', label: 'admin.menu.audit', page: lazy(() => import('./AdminAuditPage.tsx')) },
];
