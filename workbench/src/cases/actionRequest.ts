/**
 * How each available action (from GET /api/cases/{id}/actions) is sent: decisions complete the
 * task with the step's form data, operations have their own endpoints, plain events go to the case.
 * Every request names the version the user saw (`expectedVersion`), so a stale page gets 409.
 */
import { api, unwrap } from '../api/client.ts';
import type { AvailableAction } from './caseQueries.ts';

/** What the dialog collected. */
export interface ActionInput { comment?: string; signature?: string; attachments?: string[]; users?: string[]; position?: 'before' | 'after'; data?: Record<string, unknown> }

/** Operations that need a target person picked on the org tree. */
export const needsUsers = new Set(['transfer', 'delegate', 'addSigner', 'removeSigner', 'copy']);

/** Sends one action. */
export async function sendAction(caseId: string, a: AvailableAction, input: ActionInput, expectedVersion: number): Promise<unknown> {
  const id = a.taskId ?? '';
  const path = { params: { path: { id } } };
  const comment = input.comment?.trim() || undefined;
  if (a.kind === 'decision') {
    return unwrap(api.POST('/api/tasks/{id}/complete', { ...path, body: { outcome: a.name, comment, signature: input.signature, attachments: input.attachments?.length ? input.attachments : undefined, data: input.data, expectedVersion } }));
  }
  if (a.kind === 'claim') return unwrap(api.POST('/api/tasks/{id}/claim', { ...path, body: { expectedVersion } }));
  if (a.kind === 'withdraw') return unwrap(api.POST('/api/tasks/{id}/withdraw', { ...path, body: { comment, expectedVersion } }));
  if (a.kind === 'event') return unwrap(api.POST('/api/cases/{id}/events', { params: { path: { id: caseId } }, body: { type: a.name, comment, expectedVersion } }));
  const users = input.users ?? [];
  switch (a.name) {
    case 'transfer': return unwrap(api.POST('/api/tasks/{id}/transfer', { ...path, body: { users, comment, expectedVersion } }));
    case 'delegate': return unwrap(api.POST('/api/tasks/{id}/delegate', { ...path, body: { users, comment, expectedVersion } }));
    case 'addSigner': return unwrap(api.POST('/api/tasks/{id}/signers', { ...path, body: { users, position: input.position ?? 'after', comment, expectedVersion } }));
    case 'removeSigner': return unwrap(api.POST('/api/tasks/{id}/signers/remove', { ...path, body: { users, comment, expectedVersion } }));
    case 'copy': return unwrap(api.POST('/api/tasks/{id}/copy', { ...path, body: { users, comment } }));
    case 'urge': return unwrap(api.POST('/api/tasks/{id}/urge', { ...path, body: { comment } }));
    default: throw new Error(`unknown operation ${a.name}`);
  }
}
