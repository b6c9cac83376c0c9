/** Server state of 系统管理: query keys per resource and the calls, through the generated client. */
import { api, unwrap } from '../api/client.ts';
import type { components } from '../api/openapiTypes.ts';

export type AdminOrgNode = components['schemas']['AdminOrgNode'];
export type AdminUser = components['schemas']['AdminUser'];
export type AdminRoleGrant = components['schemas']['AdminRoleGrant'];
export type AuditEntry = components['schemas']['AuditEntry'];

/** Filters of the users list (kept in the URL). */
export interface UserFilters { q?: string; role?: string; status?: 'enabled' | 'disabled'; orgPath?: string }

export const adminKeys = {
  all: ['admin'] as const,
  tree: () => ['admin', 'org-tree'] as const,
  users: (f: UserFilters) => ['admin', 'users', f] as const,
  identityLinks: (id: string) => ['admin', 'identity-links', id] as const,
  audit: (action?: string) => ['admin', 'audit', action ?? ''] as const,
};

export const fetchOrgTree = () => unwrap(api.GET('/api/admin/org-units'));
export const fetchUsers = (f: UserFilters, cursor?: string) => unwrap(api.GET('/api/admin/users', { params: { query: { limit: 50, ...f, ...(cursor ? { cursor } : {}) } } }));

export const adminCalls = {
  createUnit: (body: { parentCode: string; name: string; code?: string }) => unwrap(api.POST('/api/admin/org-units', { body })),
  renameUnit: (code: string, body: { name: string; expectedVersion: number }) => unwrap(api.PATCH('/api/admin/org-units/{code}', { params: { path: { code } }, body })),
  moveUnit: (code: string, body: { parentCode: string; expectedVersion: number }) => unwrap(api.POST('/api/admin/org-units/{code}/move', { params: { path: { code } }, body })),
  mergeGrid: (code: string, body: { intoCode: string; expectedVersion: number }) => unwrap(api.POST('/api/admin/org-units/{code}/merge', { params: { path: { code } }, body })),
  retireUnit: (code: string, body: { handToCode?: string; expectedVersion: number }) => unwrap(api.POST('/api/admin/org-units/{code}/retire', { params: { path: { code } }, body })),
  createUser: (body: { username: string; name: string; orgPath: string; password?: string; roles?: Array<{ role: string; orgPath: string }> }) => unwrap(api.POST('/api/admin/users', { body })),
  updateUser: (id: string, body: { name: string; expectedVersion: number }) => unwrap(api.PATCH('/api/admin/users/{id}', { params: { path: { id } }, body })),
  setRoles: (id: string, body: { roles: Array<{ role: string; orgPath: string; validFrom?: number | null; validUntil?: number | null }>; expectedVersion: number }) => unwrap(api.PUT('/api/admin/users/{id}/roles', { params: { path: { id } }, body })),
  setStatus: (id: string, body: { disabled: boolean; expectedVersion: number }) => unwrap(api.POST('/api/admin/users/{id}/status', { params: { path: { id } }, body })),
  resetPassword: (id: string, body: { expectedVersion: number }) => unwrap(api.POST('/api/admin/users/{id}/reset-password', { params: { path: { id } }, body })),
  identityLinks: (id: string) => unwrap(api.GET('/api/admin/users/{id}/identity-links', { params: { path: { id } } })),
  linkIdentity: (id: string, body: { provider: string; subject: string }) => unwrap(api.POST('/api/admin/users/{id}/identity-links', { params: { path: { id } }, body })),
  unlinkIdentity: (id: string, body: { provider: string; subject: string }) => unwrap(api.POST('/api/admin/users/{id}/identity-links/remove', { params: { path: { id } }, body })),
  moveUser: (id: string, body: { orgPath: string; tasks: 'stay' | 'return-to-group'; expectedVersion: number }) => unwrap(api.POST('/api/admin/users/{id}/move', { params: { path: { id } }, body })),
};

/** Role ids the screens offer, in the server's rank order (runtime/src/admin/adminScope.ts). */
export const roleIds = ['county-admin', 'county-dispatcher', 'referral-coordinator', 'maintainer', 'call-operator', 'township-reviewer', 'grid-advisor', 'community-secretary',
  'community-officer', 'responsible-unit', 'referral-officer', 'mediator', 'supervisory-committee', 'volunteer-organiser', 'grid-leader', 'grid-worker', 'provider', 'volunteer', 'resident'];
