/**
 * Pseudo users for events no person sends: timers (`system`), adapters and outside parties
 * (`external`), devices (`device`). The command path takes a user; the engine lets a transition
 * whose `roles` name a source accept an actor holding that name as a role.
 */
import type { UserRecord } from '../identity/KnexIdentityStore.ts';

/** Where a non-human event comes from. */
export type EventSource = 'system' | 'external' | 'device';

/** The pseudo user for a source (never stored, never able to log in). */
export function sourceUser(source: EventSource, orgPath = '/'): UserRecord {
  return { id: source, username: source, name: source, orgPath, disabled: true, roles: [{ role: source, orgPath }] };
}
