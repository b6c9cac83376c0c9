/**
 * The signed-in session: the bearer token and the user, kept in localStorage so a field worker
 * who loses the network (or reloads) stays signed in until the token expires. One small store
 * with subscribers, read by React through `useSyncExternalStore`.
 */
import type { components } from '../api/openapiTypes.ts';

/** The current user as the API describes it. */
export type SessionUser = components['schemas']['User'];
/** A session. */
export interface Session { token: string; expiresAt: number; user: SessionUser }

const KEY = 'tongban.session';
const listeners = new Set<() => void>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    return s && s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

/** The session, or null when signed out or expired. */
export function getSession(): Session | null {
  if (current && current.expiresAt <= Date.now()) setSession(null);
  return current;
}

/** Replaces the session (null signs out) and tells subscribers. */
export function setSession(s: Session | null): void {
  current = s;
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
  for (const l of listeners) l();
}

/** Subscribes to session changes; returns the unsubscribe function. */
export function subscribeSession(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The roles the user holds anywhere. */
export function rolesOf(s: Session | null): string[] {
  return [...new Set((s?.user.roles ?? []).map((r) => r.role))];
}
