/**
 * Drafts kept on the device: every keystroke of a guided form is written to localStorage at once,
 * so nothing typed is lost when the network drops or the page reloads; `pending` marks what the
 * server has not confirmed yet. Keyed by user and draft id (another user on a shared phone sees none).
 */

/** A draft as the device keeps it. */
export interface LocalDraft {
  id: string; definitionId: string; orgPath?: string; step: number;
  data: Record<string, unknown>;
  /** the server revision this copy was based on */
  revision: number;
  /** true while the server has not stored this version */
  pending: boolean;
  updatedAt: number;
}

const key = (userId: string, id: string) => `tongban.draft.${userId}.${id}`;

/** Reads a draft of this device. */
export function readLocalDraft(userId: string, id: string): LocalDraft | null {
  try {
    return JSON.parse(localStorage.getItem(key(userId, id)) ?? 'null') as LocalDraft | null;
  } catch {
    return null;
  }
}

/** Writes a draft to this device. */
export function writeLocalDraft(userId: string, d: LocalDraft): void {
  localStorage.setItem(key(userId, d.id), JSON.stringify(d));
}

/** Forgets a draft (sent, or discarded). */
export function removeLocalDraft(userId: string, id: string): void {
  localStorage.removeItem(key(userId, id));
}

/** Drafts of this user on this device, newest first. */
export function listLocalDrafts(userId: string): LocalDraft[] {
  const prefix = `tongban.draft.${userId}.`;
  const out: LocalDraft[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k?.startsWith(prefix)) { const d = readLocalDraft(userId, k.slice(prefix.length)); if (d) out.push(d); }
  }
  return out.sort((a, b) => b.updatedAt - a.updatedAt);
}
