/**
 * Unsaved work survives a reload and a session expiry: every change is written to localStorage
 * (per item and user) until the server has it. On open, a local copy newer than the server's
 * revision is offered back. A corrupt or foreign entry is ignored, never trusted.
 */
import type { Definition } from '@tongban/engine';

export interface LocalDraft { definition: Definition; baseRevision: number; savedAt: number }

const key = (userId: string, id: string) => `tongban.designer.draft.${userId}.${id}`;

export function readLocalDraft(userId: string, id: string, storage: Storage = localStorage): LocalDraft | undefined {
  try {
    const raw = storage.getItem(key(userId, id));
    if (!raw) return undefined;
    const v = JSON.parse(raw) as LocalDraft;
    if (!v || typeof v !== 'object' || !v.definition || typeof v.definition !== 'object' || v.definition.id !== id || typeof v.baseRevision !== 'number') return undefined;
    return v;
  } catch {
    return undefined;
  }
}

export function writeLocalDraft(userId: string, id: string, d: LocalDraft, storage: Storage = localStorage): boolean {
  try {
    storage.setItem(key(userId, id), JSON.stringify(d));
    return true;
  } catch {
    return false; // quota: the server copy is then the only one; the toolbar keeps saying "unsaved"
  }
}

export function clearLocalDraft(userId: string, id: string, storage: Storage = localStorage): void {
  try { storage.removeItem(key(userId, id)); } catch { /* storage unavailable */ }
}
