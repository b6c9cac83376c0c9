/**
 * 系统管理's screens as data: the menu entries and the routes under /admin come from this one list,
 * so another screen (residents, devices, import) is one more line here, not an edit of the shell.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { consentRoles } from '../community/consentOptions.ts';

/** One admin screen: its path under /admin, its i18n label, its lazily loaded page. */
export interface AdminScreen { path: string; label: string; page: LazyExoticComponent<ComponentType>; /** who sees it (default: adminRoles); the server decides what they may do */ roles?: string[] }

/** Roles that see 系统管理 (as the server's admin rule: a county-admin assignment, at any level). */
export const adminRoles = ['county-admin'];
/** Roles that read the resident and device registries (as the server's `read Resident` rule). */
export const registryRoles = ['grid-worker', 'grid-leader', 'grid-advisor', 'community-secretary', 'community-officer', 'township-reviewer', 'county-dispatcher', 'county-admin', 'call-operator'];

export const adminScreens: AdminScreen[] = [
  { path: 'org', label: 'admin.menu.org', page: lazy(() => import('./OrgTreePage.tsx')) },
  { path: 'users', label: 'admin.menu.users', page: lazy(() => import('./UsersPage.tsx')) },
  { path: 'audit', label: 'admin.menu.audit', page: lazy(() => import('./AdminAuditPage.tsx')) },
  { path: 'residents', label: 'menu.adminResidents', page: lazy(() => import('./residentsPage.tsx')), roles: registryRoles },
  { path: 'devices', label: 'menu.adminDevices', page: lazy(() => import('./devicesPage.tsx')), roles: registryRoles },
  { path: 'import', label: 'menu.adminImport', page: lazy(() => import('./importPage.tsx')) },
  { path: 'consents', label: 'menu.adminConsents', page: lazy(() => import('../community/ConsentsPage.tsx')), roles: consentRoles },
];
